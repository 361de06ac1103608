package io.switchboard.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** GETs the gateway's operator endpoints and reads Prometheus samples out of {@code /metrics}. */
final class HttpProbe {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpProbe() {}

    static HttpResponse<String> get(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static int status(int port, String path) throws Exception {
        return get(port, path).statusCode();
    }

    /**
     * The value of the first sample whose line starts with {@code series} (a name, or a name with the opening of its
     * labels, e.g. {@code switchboard_gateway_messages_sent_total{application="gateway",}}), summed over every line
     * that matches; empty when none does.
     */
    static OptionalDouble sample(String metrics, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    static double sampleOrZero(int port, String name, String... labels) throws Exception {
        return sample(get(port, "/metrics").body(), name, labels).orElse(0);
    }
}
