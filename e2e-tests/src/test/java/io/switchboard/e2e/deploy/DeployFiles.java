package io.switchboard.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the deployment files live: docker-compose.yml at the repository root, the rest under {@code deploy/}. */
public final class DeployFiles {
    private final Path root;

    private DeployFiles(Path root) {
        this.root = root;
    }

    /** The repository holding the working directory (a module's directory under Maven, or the root itself). */
    public static DeployFiles ofRepository() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("docker-compose.yml"))
                    && Files.isDirectory(candidate.resolve("deploy"))) {
                return new DeployFiles(candidate);
            }
        }
        throw new IllegalStateException("no docker-compose.yml with a deploy/ directory above " + dir);
    }

    public Path compose() {
        return existing(root.resolve("docker-compose.yml"));
    }

    public Path prometheusConfig() {
        return existing(root.resolve("deploy/prometheus/prometheus.yml"));
    }

    public Path alertRules() {
        return existing(root.resolve("deploy/prometheus/alerts.yml"));
    }

    public Path haproxyConfig() {
        return existing(root.resolve("deploy/haproxy/haproxy.cfg"));
    }

    /** Every dashboard Grafana is provisioned with. */
    public List<Path> dashboards() {
        try (Stream<Path> files = Files.list(existing(root.resolve("deploy/grafana/dashboards")))) {
            List<Path> json =
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            if (json.isEmpty()) {
                throw new IllegalStateException("no dashboard in deploy/grafana/dashboards");
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path existing(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("missing: " + file);
        }
        return file;
    }
}
