package io.switchboard.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation stands alone: every relative link of the README and of docs/ (and of the other READMEs of the
 * repository) names a file that exists inside the repository, and a heading that exists when it names one; a Markdown
 * file named in the text without a link exists too.
 */
class MarkdownLinksTest {

    /** Directories that hold no documentation of ours: build output, dependencies, vendored code. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", "vendor", ".git");

    @Test
    void everyLinkAndFileNameOfTheDocumentationNamesAFileInTheRepository() throws IOException {
        Path root = repositoryRoot();
        List<Path> files = markdownFiles(root);
        assertThat(files).contains(root.resolve("README.md"), root.resolve("docs/protocol.md"));

        MarkdownLinks links = new MarkdownLinks(root);
        assertThat(files.stream().flatMap(f -> links.check(f).stream()).map(Object::toString))
                .isEmpty();
    }

    @Test
    void reportsAMissingFileALinkOutOfTheRepositoryAndAMissingHeading(@TempDir Path dir) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/design.md"), "# Design\n\n## The default policy\n");
        Path readme = Files.writeString(repo.resolve("README.md"), """
                See [the design](docs/design.md#the-default-policy), [the missing](docs/nope.md),
                [outside](../shared/DESIGN.md), [a bad heading](docs/design.md#decisions) and
                [a second line](
                docs/gone.md).
                """);

        assertThat(new MarkdownLinks(repo).check(readme))
                .extracting(MarkdownLinks.Broken::target)
                .containsExactly("docs/nope.md", "../shared/DESIGN.md", "docs/design.md#decisions", "docs/gone.md");
    }

    @Test
    void reportsAMarkdownFileNamedInTheTextThatTheRepositoryDoesNotHave(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/design.md"), "# Design\n");
        Path doc = Files.writeString(dir.resolve("docs/security.md"), """
                The default policy of DESIGN.md (see design.md, docs/design.md and `PROTOCOL.md`);
                the rest is in ../shared/notes.md.
                """);

        assertThat(new MarkdownLinks(dir).check(doc))
                .extracting(MarkdownLinks.Broken::target)
                .containsExactly("DESIGN.md", "PROTOCOL.md", "../shared/notes.md");
    }

    @Test
    void followsNeitherExternalLinksNorLinksInCode(@TempDir Path dir) throws IOException {
        Path readme = Files.writeString(dir.resolve("README.md"), """
                # Title
                [site](https://example.com/x.md), [mail](mailto:a@example.com), [here](#title),
                `[not a link](nope.txt)`

                ```
                [also not](gone.md)
                ```
                """);

        assertThat(new MarkdownLinks(dir).check(readme)).isEmpty();
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertThat(MarkdownLinks.anchors("""
                        ## Presence (v1.1)
                        ### Binary publish *(this implementation)*
                        ## The `connections` channel: a summary of every gateway
                        ## Examples
                        ## Examples
                        """))
                .containsExactlyInAnyOrder(
                        "presence-v11",
                        "binary-publish-this-implementation",
                        "the-connections-channel-a-summary-of-every-gateway",
                        "examples",
                        "examples-1");
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> root.relativize(p).getNameCount() > 0)
                    .filter(p -> !skipped(root.relativize(p)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** The repository holding the working directory (a module's directory under Maven, or the root itself). */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isDirectory(candidate.resolve("docs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no README.md with a docs/ directory above " + dir);
    }
}
