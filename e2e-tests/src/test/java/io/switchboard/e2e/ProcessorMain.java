package io.switchboard.e2e;

import io.switchboard.processor.SwitchboardProcessor;
import io.switchboard.processor.config.ProcessorConfig;
import java.nio.file.Path;

/**
 * The processor in a child JVM: {@code ProcessorMain <bootstrap> <application id> <state dir> [<events commit interval
 * ms>]}. A 6 s session timeout lets a replacement take over the partitions of a killed instance without waiting 45 s.
 */
public final class ProcessorMain {
    private ProcessorMain() {}

    public static void main(String[] args) throws InterruptedException {
        ProcessorConfig config = ProcessorConfig.forTests(args[0])
                .withApplicationId(args[1])
                .withStateDir(Path.of(args[2]))
                .withStreamsProperty("consumer.session.timeout.ms", "6000")
                .withStreamsProperty("consumer.heartbeat.interval.ms", "1000");
        if (args.length > 3) {
            config = config.withEventsCommitIntervalMs(Long.parseLong(args[3]));
        }
        SwitchboardProcessor processor = SwitchboardProcessor.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(processor::close));
        System.out.println(ChildJvm.READY);
        Thread.currentThread().join();
    }
}
