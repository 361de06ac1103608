package io.switchboard.launcher.dev;

import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.launcher.Addresses;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code switchboard dev} prints once everything runs: where Kafka, the gateway and its console are, the demo's
 * traffic, the JWT secret, an admin and a viewer token, and a command to try them.
 */
public final class DevBanner {
    private static final String FORMAT = "  %-14s%s%n";

    private DevBanner() {}

    /** Prints the banner of a started {@code cluster} to {@code out}. */
    public static void print(PrintWriter out, DevConfig config, DevCluster cluster, DevAccess access, double seconds) {
        String url = Addresses.webSocketUrl(config.gateway().host(), cluster.gatewayPort());
        out.println();
        out.printf(Locale.ROOT, "Switchboard dev is running (started in %.1f s)%n", seconds);
        line(out, "Kafka:", cluster.kafkaBootstrap());
        line(out, "WebSocket:", url + access(config));
        line(out, "Console:", Addresses.httpUrl(config.gateway().host(), cluster.gatewayPort(), "/"));
        cluster.processorHttpPort()
                .ifPresent(port -> line(
                        out,
                        "Processor:",
                        Addresses.httpUrl(config.processor().http().host(), port, "/metrics")
                                + "  (health: /health/live, /health/ready)"));
        if (config.demo()) {
            printDemo(out, config);
        }
        line(
                out,
                "Data:",
                config.dataDir() == null
                        ? "temporary, deleted on exit"
                        : config.dataDir().toString());
        line(
                out,
                "JWT secret:",
                access.generated()
                        ? access.secret() + "  (generated for this run; --jwt-secret S keeps one across runs)"
                        : "as configured (" + GatewayConfig.AUTH_JWT_SECRET + ")");
        printTokens(out, access, url);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static void printDemo(PrintWriter out, DevConfig config) {
        long interval = config.demoInterval().toMillis();
        line(out, "Demo events:", "'metrics' and 'status' every " + interval + " ms");
        line(
                out,
                "",
                "a book request of '" + DevAccess.VIEWER + "' changes every "
                        + interval * DemoEvents.BOOK_REQUEST_ROUNDS
                        + " ms: status_changed on '" + BookRequests.FAMILY + "' to user:" + DevAccess.VIEWER
                        + " and the admins, pending_count to the admins only");
    }

    private static void printTokens(PrintWriter out, DevAccess access, String url) {
        if (access.adminToken().isEmpty()) {
            line(out, "Tokens:", "none (" + GatewayConfig.AUTH_JWT_ALGORITHMS + " does not accept HS256)");
            return;
        }
        long hours = DevAccess.TOKEN_TTL.toHours();
        line(out, "Admin token:", access.adminToken().get() + "  (" + hours + " h)");
        line(out, "Viewer token:", access.viewerToken().orElseThrow() + "  (" + hours + " h)");
        line(
                out,
                "Try:",
                "switchboard connect " + url + " --subscribe metrics --token "
                        + access.adminToken().get());
        line(out, "More tokens:", "switchboard token --user alice --roles developer --secret <JWT secret>");
    }

    private static String access(DevConfig config) {
        boolean anonymous = config.gateway().auth().anonymousAllowed();
        boolean anyOrigin = config.gateway().auth().allowedOrigins().isEmpty();
        return "  (" + (anonymous ? "anonymous allowed" : "token required")
                + (anyOrigin ? ", any Origin" : ", Origin checked") + ")";
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, FORMAT, label, value);
    }
}
