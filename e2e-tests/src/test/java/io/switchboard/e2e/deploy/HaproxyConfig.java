package io.switchboard.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of an HAProxy configuration that matter to Switchboard, by section ({@code defaults}, {@code frontend ws},
 * {@code backend gateways}, ...): enough to compare its health check and timeouts with the gateway's settings. Not a
 * validator; {@code haproxy -c} is that, where HAProxy is installed.
 */
public final class HaproxyConfig {
    private static final Pattern TIME = Pattern.compile("(\\d+)(us|ms|s|m|h|d)?");

    private final Map<String, List<List<String>>> sections;

    private HaproxyConfig(Map<String, List<List<String>>> sections) {
        this.sections = sections;
    }

    public static HaproxyConfig read(Path file) {
        try {
            Map<String, List<List<String>>> sections = new LinkedHashMap<>();
            List<List<String>> current = null;
            for (String raw : Files.readAllLines(file)) {
                String line = raw.replaceAll("#.*", "").strip();
                if (line.isEmpty()) {
                    continue;
                }
                List<String> words = List.of(line.split("\\s+"));
                if (!Character.isWhitespace(raw.charAt(0))) { // a section header starts in the first column
                    current = new ArrayList<>();
                    sections.put(String.join(" ", words), current);
                } else if (current != null) {
                    current.add(words);
                }
            }
            return new HaproxyConfig(sections);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The directives of a section, e.g. {@code backend gateways}, each as its words. */
    public List<List<String>> section(String header) {
        List<List<String>> lines = sections.get(header);
        if (lines == null) {
            throw new IllegalArgumentException("no section '" + header + "' (sections: " + sections.keySet() + ")");
        }
        return lines;
    }

    /** The first directive of {@code section} starting with these words, e.g. {@code ("http-check", "send")}. */
    public Optional<List<String>> directive(String section, String... start) {
        return section(section).stream()
                .filter(words -> startsWith(words, start))
                .findFirst();
    }

    /** {@code timeout <name>} of {@code section}, else of {@code defaults}. */
    public Optional<Duration> timeout(String section, String name) {
        return directive(section, "timeout", name)
                .or(() -> directive("defaults", "timeout", name))
                .map(words -> time(words.get(2)));
    }

    /** The value following {@code keyword} on a directive's line, e.g. {@code inter} of {@code default-server}. */
    public static Optional<String> after(List<String> words, String keyword) {
        int at = words.indexOf(keyword);
        return at < 0 || at + 1 >= words.size() ? Optional.empty() : Optional.of(words.get(at + 1));
    }

    /** An HAProxy time: a number with an optional unit (us, ms, s, m, h, d); milliseconds without one. */
    public static Duration time(String value) {
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an HAProxy time: " + value);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "us" -> Duration.ofNanos(n * 1_000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static boolean startsWith(List<String> words, String... start) {
        if (words.size() < start.length) {
            return false;
        }
        for (int i = 0; i < start.length; i++) {
            if (!words.get(i).equals(start[i])) {
                return false;
            }
        }
        return true;
    }
}
