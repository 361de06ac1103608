package io.switchboard.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every PromQL expression the deployment ships: the alert rules' and those of the Grafana dashboards' panels. */
public final class MonitoringQueries {
    /** One expression and where it is, for a failure message. */
    public record Query(String where, String expression) {}

    private MonitoringQueries() {}

    public static List<Query> of(DeployFiles files) {
        List<Query> queries = new ArrayList<>(alertRules(files.alertRules()));
        files.dashboards().forEach(dashboard -> queries.addAll(dashboard(dashboard)));
        return queries;
    }

    /** {@code groups[].rules[].expr}, named by {@code alert} (or {@code record}). */
    public static List<Query> alertRules(Path file) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : read(new YAMLMapper(), file).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert")
                        ? rule.path("alert").asText()
                        : rule.path("record").asText();
                queries.add(new Query("rule " + name, rule.path("expr").asText()));
            }
        }
        return queries;
    }

    /** Every {@code expr} of every panel target (rows and nested panels included), named by the panel's title. */
    public static List<Query> dashboard(Path file) {
        List<Query> queries = new ArrayList<>();
        collect(read(new ObjectMapper(), file), file.getFileName().toString(), queries);
        return queries;
    }

    private static void collect(JsonNode node, String where, List<Query> queries) {
        if (node.isObject()) {
            String here = node.has("title") ? where + " / " + node.path("title").asText() : where;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    queries.add(new Query(here, field.getValue().asText()));
                } else {
                    collect(field.getValue(), here, queries);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, where, queries));
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
