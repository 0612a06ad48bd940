package dev.winnow.blending.run;

/**
 * What a committed stage's record says about its place in a run: its position and name, the
 * fingerprint of what it read and of what it wrote, and when it started (ISO-8601). The pipeline's
 * {@code StageManifest} and the trainer's {@link StageRecord} both are one.
 */
public interface ChainedStage {
    String stage();

    int index();

    String inputFingerprint();

    String outputFingerprint();

    /** ISO-8601 instant; may be null in a hand-made record. */
    String started();
}
