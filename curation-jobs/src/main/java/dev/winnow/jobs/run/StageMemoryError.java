package dev.winnow.jobs.run;

/**
 * A stage needs more memory than its JVM was given; the message says how much it held, for what,
 * and which settings change it. The stage is not committed.
 */
public final class StageMemoryError extends IllegalStateException {
    public StageMemoryError(String message, Throwable cause) {
        super(message, cause);
    }
}
