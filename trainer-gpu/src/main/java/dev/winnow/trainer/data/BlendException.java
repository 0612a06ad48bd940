package dev.winnow.trainer.data;

/**
 * A blend the loader refuses: a manifest field out of contract, a shard that is missing, leaves the
 * blend folder, does not match its SHA-256, is not readable Parquet, or holds an out-of-vocabulary
 * token. The message names the shard (its manifest path) or the field.
 */
public final class BlendException extends RuntimeException {
    public BlendException(String message) {
        super(message);
    }

    public BlendException(String message, Throwable cause) {
        super(message, cause);
    }
}
