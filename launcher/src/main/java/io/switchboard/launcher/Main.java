package io.switchboard.launcher;

import io.switchboard.launcher.cli.SwitchboardCli;

/** Entry point of the {@code switchboard} command; see {@link SwitchboardCli} for the commands. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = SwitchboardCli.create(System.getenv()).execute(args);
        System.exit(code);
    }
}
