package dev.winnow.jobs.run;

/** Another run holds the run folder: two runs writing the same stages would undo each other's work. */
public final class RunFolderInUseError extends RuntimeException {
    public RunFolderInUseError(String message) {
        super(message);
    }
}
