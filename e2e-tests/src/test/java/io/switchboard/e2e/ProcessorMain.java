package io.switchboard.e2e;

import io.switchboard.processor.SwitchboardProcessor;
import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.config.ProcessorKeys;
import java.util.HashMap;
import java.util.Map;

/**
 * The processor in a child JVM: {@code ProcessorMain <bootstrap> <application id> <state dir> [<events commit interval
 * ms>]}. A 6 s session timeout lets a replacement take over the partitions of a killed instance without waiting 45 s.
 */
public final class ProcessorMain {
    private ProcessorMain() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new HashMap<>(Map.of(
                ProcessorKeys.APPLICATION_ID,
                args[1],
                ProcessorKeys.STATE_DIR,
                args[2],
                "streams.consumer.session.timeout.ms",
                "6000",
                "streams.consumer.heartbeat.interval.ms",
                "1000"));
        if (args.length > 3) {
            settings.put(ProcessorKeys.EVENTS_COMMIT_INTERVAL_MS, args[3]);
        }
        ProcessorConfig config = ProcessorConfig.forTests(args[0], settings);
        SwitchboardProcessor processor = SwitchboardProcessor.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(processor::close));
        System.out.println(ChildJvm.READY);
        Thread.currentThread().join();
    }
}
