package dev.winnow.jobs.config;

/** A configuration problem: the message names the key (and file, where known) and what is wrong. */
public final class ConfigError extends IllegalArgumentException {
    public ConfigError(String message) {
        super(message);
    }

    public ConfigError(String message, Throwable cause) {
        super(message, cause);
    }
}
