package io.switchboard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records archives in child JVMs, as the {@code switchboard} script starts them, and maps them in another one. */
class ClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void recordsAnArchiveThatALaterJvmMaps() throws Exception {
        Path archive = dir.resolve("gateway.jsa");

        Result recording = java("-XX:+RecordDynamicDumpInfo", "-D" + ClassArchive.ARCHIVE_PROPERTY + "=" + archive);

        assertThat(recording.exitCode).as(recording.output).isZero();
        assertThat(recording.output).contains("class-archive: recorded " + archive);
        assertThat(archive).isRegularFile();
        assertThat(dir.resolve("gateway.jsa.partial")).doesNotExist();
        // -Xshare:on fails the JVM when the archive cannot be mapped, instead of quietly starting without it
        Result mapping = java("-Xshare:on", "-XX:SharedArchiveFile=" + archive);
        assertThat(mapping.exitCode).as(mapping.output).isZero();
    }

    @Test
    void aJvmThatCannotRecordStartsAsUsualAndLeavesNoArchive() throws Exception {
        Path archive = dir.resolve("gateway.jsa");

        Result result = java("-D" + ClassArchive.ARCHIVE_PROPERTY + "=" + archive); // no -XX:+RecordDynamicDumpInfo

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("class-archive: not recorded");
        assertThat(archive).doesNotExist();
    }

    private Result java(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", jarsOnly(), Recorder.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * The test's class path with each directory (target/classes, target/test-classes) packed into a jar: class data
     * sharing refuses a class path with non-empty directories, and the launcher runs from jars only.
     */
    private String jarsOnly() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            entries.add(Files.isDirectory(path) ? packed(path).toString() : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private Path packed(Path classes) throws IOException {
        Path jar = dir.resolve("classpath-" + Math.abs(classes.hashCode()) + ".jar");
        if (Files.exists(jar)) {
            return jar;
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private record Result(int exitCode, String output) {}

    /** What a server command does once it has started. */
    static final class Recorder {
        public static void main(String[] args) {
            ClassArchive.recordIfAsked();
        }
    }
}
