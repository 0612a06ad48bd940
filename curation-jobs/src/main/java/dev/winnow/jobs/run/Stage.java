package dev.winnow.jobs.run;

import dev.winnow.jobs.config.WinnowConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * One step of the pipeline. A stage says, for every row it reads, whether it keeps it: it returns
 * the rows with the document columns (possibly changed or added to) plus
 * {@link dev.winnow.jobs.docs.Documents#REASON} / {@code DETAIL} (null when kept). The
 * {@link StageRunner} does the rest: skip when up to date, write kept and rejected rows, check
 * {@code in = kept + rejected}, write the manifest, commit atomically.
 *
 * <p>Adding a stage is one class implementing this, one line in {@code StageCatalog}, and a
 * {@code winnow.<name> { ... }} block in {@code winnow/defaults.conf}.
 */
public interface Stage {
    /** The name used in {@code winnow.stages}, folders and reports. */
    String name();

    /**
     * Everything in the configuration, and in files it names (task sets), that this stage's output
     * depends on: hashed, and recorded key by key in the manifest. Files are read with Spark's
     * Hadoop configuration ({@code context}).
     */
    SettingsText settings(StageContext context);

    /**
     * Fails with a {@link dev.winnow.jobs.config.ConfigError} when this stage's settings are wrong,
     * reading no data: the pipeline checks every stage it will run before the first starts, so a
     * mistake in the last stage's block costs seconds, not the hours of the stages before it.
     */
    default void checkSettings(WinnowConfig config) {
    }

    /** What identifies this stage's input; by default the previous stage's output fingerprint. */
    default String inputFingerprint(StageContext context) {
        return context.upstream().outputFingerprint();
    }

    /**
     * When this stage's input fingerprint no longer matches {@code existing}'s: what changed, one
     * line each, for the reason a run or a dry run prints. Empty when the stage cannot tell (the
     * stage before it ran again: its output is new as a whole).
     */
    default java.util.List<String> inputChanges(StageManifest existing, StageContext context) {
        return java.util.List.of();
    }

    /** One row per input row (or source record), with the outcome columns. */
    Dataset<Row> outcomes(StageContext context);

    /** Rows the stage read. By default the upstream stage's row count, recounted from its files. */
    default long inputCount(StageContext context, long outcomeRows) {
        return context.input().count();
    }

    /**
     * What the manifest counts rejections by. By default the reason itself; a stage whose reasons
     * carry an id ({@code fuzzy-dup:<id>}) counts by the part before the colon.
     */
    default Column reasonCode() {
        return col(dev.winnow.jobs.docs.Documents.REASON);
    }

    /**
     * Writes the tables the stage keeps besides documents ({@link RunLayout#pendingTableDir}),
     * from its outcomes, which are persisted by then so this costs no second computation. Outcome
     * columns ({@code _}-prefixed) beyond the reason may carry what these tables need.
     */
    default void writeSideTables(StageContext context, Dataset<Row> outcomes) {
    }

    /** Figures particular to the stage, known once its outcomes are written (for the manifest). */
    default Map<String, Long> metrics() {
        return Map.of();
    }

    /**
     * Files the stage wrote outside its folders that its output came from, by role, relative to
     * the run folder (the quality stage's trained model), known once its outcomes are written.
     * Recorded in the manifest, so that {@code winnow prune} knows which are still in use.
     */
    default Map<String, String> files() {
        return Map.of();
    }

    /** Reason codes that concern whole files; the manifest lists those rows under fileErrors. */
    default Set<String> fileLevelReasons() {
        return Set.of();
    }
}
