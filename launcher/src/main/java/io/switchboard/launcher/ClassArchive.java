package io.switchboard.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records this JVM's loaded classes into a class data sharing archive, once a server has started, when the {@code
 * switchboard} script asks for it: the first run of a command after a build gets {@code -XX:+RecordDynamicDumpInfo}
 * and {@value #ARCHIVE_PROPERTY}, and later runs map the archive instead of loading and verifying those classes again.
 *
 * <p>Recording after a successful start, rather than at exit ({@code -XX:ArchiveClassesAtExit}), keeps a run that only
 * printed its help or failed on a bad setting from leaving a near-empty archive for every later run. The dump stops
 * the JVM at a safepoint for about two seconds, once per build. The archive is written beside its final name and
 * moved there whole, so a concurrent start never maps half an archive.
 */
public final class ClassArchive {
    /** Where to record the archive; set by the script on a recording run only. */
    static final String ARCHIVE_PROPERTY = "switchboard.cds.archive";

    private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private ClassArchive() {}

    /** Records the archive when the script asked for one; a failure is logged and otherwise ignored. */
    public static void recordIfAsked() {
        String target = System.getProperty(ARCHIVE_PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        Path archive = Path.of(target);
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        long started = System.nanoTime();
        try {
            Files.deleteIfExists(partial);
            String output = dynamicDump(partial);
            if (!Files.isRegularFile(partial)) {
                throw new IOException("the JVM wrote no archive: " + output.strip());
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info(
                    "class-archive: recorded {} in {} ms; later starts load their classes from it",
                    archive,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | JMException | RuntimeException e) {
            LOG.warn("class-archive: not recorded, later starts load every class as usual: {}", e.toString());
        }
    }

    /** {@code jcmd <pid> VM.cds dynamic_dump <file>}, from inside the JVM; returns what the command printed. */
    private static String dynamicDump(Path file) throws JMException {
        Object output = ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName(DIAGNOSTIC_COMMAND),
                        "vmCds",
                        new Object[] {new String[] {"dynamic_dump", file.toString()}},
                        new String[] {String[].class.getName()});
        return String.valueOf(output);
    }
}
