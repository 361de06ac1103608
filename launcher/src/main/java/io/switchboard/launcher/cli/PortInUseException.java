package io.switchboard.launcher.cli;

/** A port a command must listen on is taken; the message says which and which option changes it. */
final class PortInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortInUseException(String message) {
        super(message);
    }
}
