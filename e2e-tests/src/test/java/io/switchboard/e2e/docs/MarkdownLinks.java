package io.switchboard.e2e.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links of Markdown files inside one repository: each must name a file or directory that exists
 * inside the repository and, when it carries a {@code #fragment} into a Markdown file, a heading of that file (with
 * GitHub's anchor rules). Links with a scheme ({@code https:}, {@code mailto:}) are not followed; links inside code
 * (fenced blocks and inline code spans) are not links. A Markdown file named in the text without a link ({@code see
 * DESIGN.md}) must exist too, next to the file or from the repository's root, so that prose cannot send a reader to
 * a document the repository does not have.
 */
final class MarkdownLinks {

    private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern INLINE_LINK =
            Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern MENTION =
            Pattern.compile("(?<![\\w/.-])((?:\\.\\.?/)*[\\w.-]+(?:/[\\w.-]+)*\\.md)(?![\\w/-])");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root;

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One problem: the file, the link as written, and what is wrong with it. */
    record Broken(Path file, String target, String reason) {
        @Override
        public String toString() {
            return file + ": (" + target + ") " + reason;
        }
    }

    /** The broken links of {@code file}, a Markdown file inside the repository. */
    List<Broken> check(Path file) {
        List<Broken> broken = new ArrayList<>();
        Set<String> linked = new HashSet<>();
        for (String target : links(read(file))) {
            linked.add(target.replaceFirst("#.*", ""));
            String reason = problem(file.toAbsolutePath().normalize(), target);
            if (reason != null) {
                broken.add(new Broken(root.relativize(file.toAbsolutePath().normalize()), target, reason));
            }
        }
        for (String mention : mentions(read(file))) {
            if (!linked.contains(mention)
                    && !mentionExists(file.toAbsolutePath().normalize(), mention)) {
                broken.add(new Broken(
                        root.relativize(file.toAbsolutePath().normalize()),
                        mention,
                        "is named in the text but is neither next to the file nor under the repository's root"));
            }
        }
        return broken;
    }

    /** The targets of the inline links of a Markdown text, outside code. */
    static List<String> links(String markdown) {
        String prose =
                CODE_SPAN.matcher(FENCED_BLOCK.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher m = INLINE_LINK.matcher(prose);
        while (m.find()) {
            targets.add(m.group(1));
        }
        return targets;
    }

    /** The Markdown file names a text mentions outside fenced code blocks, links included. */
    static List<String> mentions(String markdown) {
        String prose = FENCED_BLOCK.matcher(markdown).replaceAll("");
        List<String> names = new ArrayList<>();
        Matcher m = MENTION.matcher(prose);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private boolean mentionExists(Path file, String name) {
        for (Path base : new Path[] {file.getParent(), root}) {
            Path resolved = base.resolve(name).normalize();
            if (resolved.startsWith(root) && Files.isRegularFile(resolved)) {
                return true;
            }
        }
        return false;
    }

    /** The anchors GitHub gives the headings of a Markdown text. */
    static Set<String> anchors(String markdown) {
        String prose = FENCED_BLOCK.matcher(markdown).replaceAll("");
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher m = HEADING.matcher(prose);
        while (m.find()) {
            String slug = slug(m.group(1));
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }

    /** GitHub's rule: lower case, punctuation other than {@code -} and {@code _} dropped, each space a hyphen. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                .replace(' ', '-');
    }

    private String problem(Path file, String target) {
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        if (pathPart.startsWith("/")) {
            return "is absolute; link relative to the file";
        }
        Path resolved =
                pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
        if (!resolved.startsWith(root)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "names " + root.relativize(resolved) + ", which does not exist";
        }
        if (fragment != null
                && resolved.toString().endsWith(".md")
                && !anchors(read(resolved)).contains(fragment)) {
            return "names no heading of " + root.relativize(resolved);
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
