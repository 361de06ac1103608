package io.switchboard.gateway;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.gateway.kafka.ActionProducer;
import io.switchboard.gateway.kafka.DeliveryConsumer;
import io.switchboard.gateway.kafka.GatewayLeaseWriter;
import io.switchboard.gateway.kafka.KafkaReachability;
import io.switchboard.gateway.kafka.Lease;
import io.switchboard.gateway.kafka.ReplyConsumer;
import io.switchboard.gateway.routing.ClientActions;
import io.switchboard.gateway.routing.PendingResumes;
import io.switchboard.gateway.routing.ProcessorOutbox;
import io.switchboard.gateway.routing.ReplyRouter;
import io.switchboard.gateway.session.OutboundBacklog;
import io.switchboard.gateway.session.SessionRegistry;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka side of a gateway: its lease (not yet started), the actions producer, the delivery and reply consumers
 * (both reading once this is built), and the resumes, which send actions and wait for the processor's replies. Each
 * part is tracked as it is built, so the teardown closes the reply consumer, the resume timer, the delivery consumer,
 * the producer and then the lease.
 *
 * @param reachability whether Kafka can take actions now
 * @param outbox the actions the connections' frames become, forwarded by the actions producer
 */
record Backbone(
        KafkaReachability reachability,
        Lease lease,
        DeliveryConsumer deliveries,
        ProcessorOutbox outbox,
        PendingResumes resumes) {

    /**
     * @param sessions where replies are routed to
     * @param backlog the bytes waiting in all outbound queues, which the delivery consumer holds back by
     */
    static Backbone start(
            GatewayConfig config,
            Clock clock,
            SessionRegistry sessions,
            OutboundBacklog backlog,
            Telemetry telemetry,
            Teardown teardown) {
        KafkaReachability reachability = new KafkaReachability();
        // tracked before the actions producer, so closed after it: the tombstone follows the drained Disconnects
        Lease lease = teardown.track(GatewayLeaseWriter.create(
                config.kafka(), config.gatewayId(), config.operations().lease(), clock, telemetry.gateway()));
        ActionProducer actions = actionProducer(config, reachability, telemetry, teardown);
        DeliveryConsumer deliveries = deliveryConsumer(config, backlog, telemetry, teardown);
        ProcessorOutbox outbox = new ProcessorOutbox(new ClientActions(config.gatewayId(), clock), actions);
        PendingResumes resumes = pendingResumes(config, clock, outbox, teardown);
        ReplyConsumer replies = replyConsumer(
                config, new ReplyRouter(sessions, deliveries, resumes), reachability, telemetry, teardown);
        replies.start();
        deliveries.start();
        return new Backbone(reachability, lease, deliveries, outbox, resumes);
    }

    private static ActionProducer actionProducer(
            GatewayConfig config, KafkaReachability reachability, Telemetry telemetry, Teardown teardown) {
        ActionProducer actions = new ActionProducer(
                config.kafka(), config.gatewayId(), config.operations().outage(), reachability, telemetry.gateway());
        // closed within what is left of the drain, flushing the disconnects of the drained connections
        teardown.track(() -> actions.close(teardown.drainLeft()));
        teardown.track(actions.bindMeters(telemetry.kafka()));
        return actions;
    }

    private static DeliveryConsumer deliveryConsumer(
            GatewayConfig config, OutboundBacklog backlog, Telemetry telemetry, Teardown teardown) {
        DeliveryConsumer deliveries = teardown.track(new DeliveryConsumer(
                config.kafka(),
                config.gatewayId(),
                telemetry.gateway(),
                backlog,
                config.outbound().maxBacklogBytes(),
                config.outbound().batchWait()));
        teardown.track(deliveries.bindMeters(telemetry.kafka()));
        return deliveries;
    }

    private static PendingResumes pendingResumes(
            GatewayConfig config, Clock clock, ProcessorOutbox outbox, Teardown teardown) {
        return new PendingResumes(
                outbox,
                resumeTimer(teardown),
                config.resumeTimeout(),
                config.auth().anonymousAllowed(),
                clock,
                config.auth().jwt().clockSkew());
    }

    private static ReplyConsumer replyConsumer(
            GatewayConfig config,
            ReplyRouter router,
            KafkaReachability reachability,
            Telemetry telemetry,
            Teardown teardown) {
        ReplyConsumer replies = teardown.track(new ReplyConsumer(
                config.kafka(),
                config.gatewayId(),
                router::route,
                config.operations().outage().silenceGrace(),
                reachability));
        teardown.track(replies.bindMeters(telemetry.kafka()));
        return replies;
    }

    /** One daemon thread for the timeouts of every waiting resume; stopped with the gateway. */
    private static PendingResumes.Timer resumeTimer(Teardown teardown) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "gateway-resume-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        teardown.track(timer::shutdownNow);
        return (delay, task) -> {
            ScheduledFuture<?> scheduled = timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        };
    }
}
