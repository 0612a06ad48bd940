package dev.winnow.jobs.run;

/** A stage's rows do not add up ({@code in != kept + rejected}): the stage is not committed. */
public final class StageAccountingError extends IllegalStateException {
    public StageAccountingError(String message) {
        super(message);
    }
}
