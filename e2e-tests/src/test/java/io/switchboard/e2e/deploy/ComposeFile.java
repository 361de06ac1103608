package io.switchboard.e2e.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The services of a docker compose file, as compose sees them. Read with SnakeYAML rather than Jackson's YAML
 * mapper: compose files share settings through anchors and merge keys ({@code <<: *gateway-env}), which SnakeYAML
 * resolves and Jackson leaves as the literal key {@code <<}, so a variable set through a merge would go unchecked.
 */
public final class ComposeFile {
    /** One service: its name, its image (or null when it is built), its command and its environment. */
    public record Service(String name, String image, List<String> command, Map<String, String> environment) {
        /** The Switchboard part it runs ({@code gateway}, {@code processor}, ...), or empty for another image. */
        public String switchboardCommand() {
            return command.isEmpty() || !isSwitchboardImage() ? "" : command.get(0);
        }

        private boolean isSwitchboardImage() {
            return image == null || image.startsWith("switchboard");
        }
    }

    private final Map<String, Service> services;

    private ComposeFile(Map<String, Service> services) {
        this.services = services;
    }

    public static ComposeFile read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Map<String, Service> services = new LinkedHashMap<>();
            map(root.get("services"), "services").forEach((name, body) -> services.put(name, service(name, body)));
            return new ComposeFile(services);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Map<String, Service> services() {
        return services;
    }

    /** The services running this Switchboard part, e.g. {@code gateway}. */
    public List<Service> running(String part) {
        return services.values().stream()
                .filter(s -> s.switchboardCommand().equals(part))
                .toList();
    }

    private static Service service(String name, Object body) {
        Map<String, Object> fields = map(body, "service " + name);
        Object image = fields.get("image");
        return new Service(
                name,
                image == null ? null : image.toString(),
                command(fields.get("command")),
                environment(name, fields.get("environment")));
    }

    private static List<String> command(Object command) {
        if (command == null) {
            return List.of();
        }
        if (command instanceof List<?> words) {
            return words.stream().map(String::valueOf).toList();
        }
        return List.of(command.toString().trim().split("\\s+"));
    }

    /** Both forms compose accepts: a map, or a list of {@code NAME=value}. */
    private static Map<String, String> environment(String service, Object environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = entry.toString();
                int eq = text.indexOf('=');
                variables.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
        } else if (environment != null) {
            map(environment, "environment of " + service)
                    .forEach((key, value) -> variables.put(key, value == null ? "" : value.toString()));
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + ": expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }
}
