package dev.winnow.jobs.cluster;

/** A cluster that cannot be started, found or stopped; the message says why and what to do. */
public final class ClusterError extends RuntimeException {
    public ClusterError(String message) {
        super(message);
    }
}
