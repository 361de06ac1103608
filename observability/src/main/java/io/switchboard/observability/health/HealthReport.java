package io.switchboard.observability.health;

import java.util.List;

/**
 * The outcome of every check of one kind (liveness or readiness), in registration order. Up when every check is up
 * (so also when there are none).
 */
public record HealthReport(List<Outcome> checks) {
    /** One check's name and answer. */
    public record Outcome(String name, Health health) {}

    public HealthReport {
        checks = List.copyOf(checks);
    }

    public boolean up() {
        return checks.stream().allMatch(outcome -> outcome.health().up());
    }

    /** The names of the checks that are down, in registration order. */
    public List<String> failing() {
        return checks.stream()
                .filter(outcome -> !outcome.health().up())
                .map(Outcome::name)
                .toList();
    }

    /**
     * The JSON body of a health endpoint, e.g. {@code {"status":"DOWN","failing":["kafka"],"checks":[{"name":"kafka",
     * "status":"DOWN","detail":"no connection to the Kafka cluster"}]}}.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(64 + 96 * checks.size());
        json.append("{\"status\":").append(status(up())).append(",\"failing\":[");
        List<String> failing = failing();
        for (int i = 0; i < failing.size(); i++) {
            json.append(i == 0 ? "" : ",");
            Json.string(json, failing.get(i));
        }
        json.append("],\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            Outcome outcome = checks.get(i);
            json.append(i == 0 ? "{\"name\":" : ",{\"name\":");
            Json.string(json, outcome.name());
            json.append(",\"status\":").append(status(outcome.health().up())).append(",\"detail\":");
            Json.string(json, outcome.health().detail());
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private static String status(boolean up) {
        return up ? "\"UP\"" : "\"DOWN\"";
    }
}
