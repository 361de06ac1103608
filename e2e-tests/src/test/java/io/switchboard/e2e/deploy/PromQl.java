package io.switchboard.e2e.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a full parser: it removes what cannot hold a metric name (string
 * literals, label matchers, range and subquery brackets, grouping clauses, Grafana variables, numbers), then takes
 * every identifier that is neither a keyword nor followed by {@code (} (a function or an aggregation).
 */
public final class PromQl {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?[0-9a-z]+");
    private static final Pattern NUMBER =
            Pattern.compile("(?<![\\w:])(0x[0-9a-fA-F]+|[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "inf",
            "nan",
            "atan2");

    private PromQl() {}

    public static Set<String> metricNames(String expression) {
        String rest = expression;
        for (Pattern drop : new Pattern[] {STRING, MATCHERS, RANGE, GROUPING, VARIABLE, OFFSET, NUMBER}) {
            rest = drop.matcher(rest).replaceAll(" ");
        }
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !calls(rest, identifier.end())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Whether the identifier ending at {@code end} is called: the next character that is not a space is {@code (}. */
    private static boolean calls(String text, int end) {
        for (int i = end; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i) == '(';
            }
        }
        return false;
    }
}
