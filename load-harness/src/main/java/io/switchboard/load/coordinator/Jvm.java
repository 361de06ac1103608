package io.switchboard.load.coordinator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a harness process (broker, producer, loader): this JVM's java and class path. */
final class Jvm {
    private Jvm() {}

    static List<String> command(List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }
}
