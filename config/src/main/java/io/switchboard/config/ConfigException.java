package io.switchboard.config;

/** A configuration value that cannot be used; the message names the key, so start-up fails clearly. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String problem) {
        super("configuration key '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
