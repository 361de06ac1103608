package io.switchboard.launcher.cli;

import io.switchboard.config.Settings;
import io.switchboard.gateway.auth.DevTokens;
import io.switchboard.gateway.config.GatewayConfig;
import io.switchboard.launcher.acl.RoleNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard token}: prints a development HS256 token, and nothing else, on stdout, so that {@code
 * TOKEN=$(switchboard token --user alice)} works.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Prints a development token on stdout: an HS256 JWT with the claims sub (--user), roles, iat and exp, "
                    + "signed with the secret a gateway verifies with (--jwt-secret, " + TokenCommand.SECRET + ").",
            "Example: TOKEN=$(switchboard token --user alice --roles admin)",
            "         websocat \"ws://localhost:8080/ws?access_token=$TOKEN\""
        })
final class TokenCommand implements Callable<Integer> {
    static final String SECRET = GatewayConfig.AUTH_JWT_SECRET;

    @Option(
            names = "--user",
            required = true,
            paramLabel = "ID",
            description = "User id, the sub claim (letters, digits, '_', '-', '.', ':', '@').")
    String user;

    @Option(
            names = "--roles",
            split = ",",
            paramLabel = "ROLE",
            description = "Comma-separated roles, the roles claim, e.g. admin,viewer (default: none, which the policy "
                    + "treats as 'user').")
    List<String> roles = new ArrayList<>();

    @Option(
            names = "--ttl",
            paramLabel = "DURATION",
            converter = TtlConverter.class,
            description =
                    "How long the token is valid: 30s, 15m, 1h, 24h, 7d or ISO-8601 such as PT1H " + "(default 1h).")
    Duration ttl = Duration.ofHours(1);

    @Option(
            names = "--secret",
            paramLabel = "S",
            description = "Signing secret, at least 32 bytes (default: the " + SECRET + " setting, e.g. from "
                    + "SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET or --config, which keeps it out of the shell history).")
    String secret;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    TokenCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Map<String, String> overrides = new HashMap<>();
        ConfigOptions.putIfGiven(overrides, SECRET, secret);
        Settings settings = config.load(ConfigOptions.everyKey(), env, overrides);
        String signingSecret = settings.string(SECRET);
        if (config.printed(Settings.of(Map.of(SECRET, signingSecret)))) {
            return ExitCode.OK;
        }
        if (signingSecret.isBlank()) {
            throw usage(
                    "No secret to sign with: pass --secret S or set " + SECRET
                            + " (SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET, or in --config FILE); the gateway must use the same one.");
        }
        roles.forEach(role -> check(() -> RoleNames.check(role)));
        String token = check(() -> DevTokens.mint(signingSecret, user, roles, ttl));
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return ExitCode.OK;
    }

    /** Runs {@code step}, turning its IllegalArgumentException into a usage error carrying its message. */
    private <T> T check(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw usage("Cannot mint a token: " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
