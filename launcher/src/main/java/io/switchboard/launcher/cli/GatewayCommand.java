package io.switchboard.launcher.cli;

import io.switchboard.config.Settings;
import io.switchboard.gateway.SwitchboardGateway;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.launcher.Addresses;
import io.switchboard.launcher.BoundedClose;
import io.switchboard.launcher.ClassArchive;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code switchboard gateway}: one WebSocket gateway against an existing Kafka cluster. */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs one WebSocket gateway against an existing Kafka cluster until Ctrl-C or SIGTERM. Several "
                    + "gateways may share one cluster; give each its own --port (and --id, or a random one is used).",
            "Every connection needs a JWT (Authorization: Bearer, or ?access_token=) unless "
                    + GatewayConfig.AUTH_ANONYMOUS + "=true, so a key to verify tokens is required: --jwt-secret S "
                    + "(HS256, at least 32 bytes; or SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET), or "
                    + GatewayConfig.AUTH_JWT_PUBLIC_KEY_FILE + ", " + GatewayConfig.AUTH_JWT_JWKS_FILE + " or "
                    + GatewayConfig.AUTH_JWT_JWKS_URL + " in --config FILE. Browsers may connect from the "
                    + "gateway's own origin only, unless " + GatewayConfig.AUTH_ALLOWED_ORIGINS + " lists others."
        })
final class GatewayCommand implements Callable<Integer> {
    private static final String BOOTSTRAP = GatewayConfig.BOOTSTRAP_SERVERS;
    private static final String HOST = GatewayConfig.HOST;
    private static final String PORT = GatewayConfig.PORT;
    private static final String ID = GatewayConfig.ID;
    private static final String SECRET = GatewayConfig.AUTH_JWT_SECRET;
    /**
     * Added to the drain grace ({@code gateway.drain.grace-ms}) to bound the whole close: the gateway ends its drain
     * within the grace, then stops its server and unbinds its meters, which the grace does not cover.
     */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (" + BOOTSTRAP + ", default localhost:9092).")
    String bootstrap;

    @Option(names = "--port", paramLabel = "N", description = "WebSocket port (" + PORT + ", default 8080).")
    Integer port;

    @Option(names = "--host", paramLabel = "H", description = "Address to bind (" + HOST + ", default 0.0.0.0).")
    String host;

    @Option(
            names = "--id",
            paramLabel = "ID",
            description = "Gateway id, unique per running gateway: the key of its replies (" + ID + ").")
    String id;

    @Option(
            names = "--jwt-secret",
            paramLabel = "S",
            description = "Secret of HS256 tokens, at least 32 bytes (" + SECRET + "; default: none). Prefer "
                    + "SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET, which stays out of the process list.")
    String jwtSecret;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    GatewayCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = config.load(GatewayConfig.defaults(), env, overrides());
        GatewayConfig gatewayConfig = GatewayConfig.from(settings);
        if (config.printed(settings)) {
            return ExitCode.OK;
        }
        PortCheck.requireFree(gatewayConfig.host(), gatewayConfig.port(), "--port");
        SwitchboardGateway gateway = SwitchboardGateway.start(gatewayConfig);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Gateway " + gateway.gatewayId() + " running");
        out.println("  Kafka bootstrap: " + settings.nonBlank(BOOTSTRAP));
        out.println("  WebSocket: " + Addresses.webSocketUrl(gatewayConfig.host(), gateway.port()));
        out.println("Press Ctrl-C to stop.");
        out.flush();
        ClassArchive.recordIfAsked();
        Duration closeBound = gatewayConfig.operations().drainGrace().plus(CLOSE_MARGIN);
        UntilStopped.closeOnShutdown(
                        "gateway " + gateway.gatewayId(), () -> BoundedClose.close("gateway", gateway, closeBound))
                .await();
        return ExitCode.OK;
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        ConfigOptions.putIfGiven(overrides, BOOTSTRAP, bootstrap);
        ConfigOptions.putIfGiven(overrides, PORT, port);
        ConfigOptions.putIfGiven(overrides, HOST, host);
        ConfigOptions.putIfGiven(overrides, ID, id);
        ConfigOptions.putIfGiven(overrides, SECRET, jwtSecret);
        return overrides;
    }
}
