package dev.winnow.blending.run;

import java.nio.file.Path;

/**
 * Whether a blend folder is its run's current output. A run writes {@code <run>/blend/} with the
 * blend stage; when a stage before it runs again ({@code winnow run --to decontaminate} after a
 * settings change) or the blend stage is dropped from {@code winnow.stages}, the folder stays,
 * built from data the run folder no longer holds. The trainer asks before it reads one.
 *
 * @param status  what was found
 * @param detail  for {@link Status#CURRENT}, the stage record's folder and start; for
 *                {@link Status#STALE}, why; for {@link Status#NOT_IN_A_RUN}, what is missing
 */
public record BlendInRun(Status status, String detail) {
    public enum Status {
        /** The run's stage chain ends in the blend stage that wrote this folder. */
        CURRENT,
        /** The run's blend stage record is not part of its current chain, or there is none. */
        STALE,
        /** Not a run's {@code blend/} (no {@code stages/} beside it): a copied blend, not checked. */
        NOT_IN_A_RUN
    }

    public static final String BLEND_STAGE = "blend";
    /** The blend stage's folder in a run, {@code <run>/blend}. */
    public static final String BLEND_FOLDER = "blend";
    /** The trainer's loader cache unless one is configured: beside the blend folder, so {@code <run>/loader-cache}. */
    public static final String LOADER_CACHE_FOLDER = "loader-cache";

    public static BlendInRun of(Path blendDir) {
        Path dir = blendDir.toAbsolutePath().normalize();
        Path run = dir.getParent();
        if (run == null || !dir.getFileName().toString().equals(BLEND_FOLDER)
                || !run.resolve(StageRecord.STAGES_FOLDER).toFile().isDirectory()) {
            return new BlendInRun(Status.NOT_IN_A_RUN, "no " + StageRecord.STAGES_FOLDER + "/ beside it");
        }
        StageChain<StageRecord> chain = StageChain.of(StageRecord.readCommitted(run));
        var current = chain.currentStage(BLEND_STAGE);
        if (current.isPresent()) {
            StageRecord r = current.get();
            return new BlendInRun(Status.CURRENT, StageChain.folder(r) + " (started " + r.started() + ")");
        }
        String upTo = chain.last().map(l -> "; the run's current output ends at " + StageRecord.STAGES_FOLDER + "/"
                + StageChain.folder(l)).orElse("");
        for (StageChain.Stale s : chain.stale()) {
            if (s.folder().endsWith("-" + BLEND_STAGE)) {
                return new BlendInRun(Status.STALE, "stages/" + s.folder() + ": " + s.why() + upTo);
            }
        }
        return new BlendInRun(Status.STALE, "no committed blend stage under stages/ (a run stopped while committing it, "
                + "or the folder was written by something else)" + upTo);
    }
}
