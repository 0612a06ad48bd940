package dev.winnow.jobs.run;

import dev.winnow.jobs.docs.Documents;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Runs one stage the same way for every stage: skip it when its manifest matches, else compute
 * the outcomes once, let the stage write its side tables, write kept rows and rejected rows to
 * pending folders, recount both from the written files, fail unless every input document is kept or
 * rejected ({@code in = kept + rejected}, counted in documents: a document split into pieces is
 * one), write {@code _STAGE.json}, and commit by rename.
 */
public final class StageRunner {
    private static final int MAX_FILE_ERRORS = 1000;

    private final Progress progress;

    public StageRunner(Progress progress) {
        this.progress = progress;
    }

    /** The stage's manifest after it ran or was found up to date. */
    public StageManifest run(Stage stage, StageContext context) {
        Freshness freshness = Freshness.of(stage, context, false);
        if (freshness.upToDate()) {
            progress.skipped(freshness.existing());
            return freshness.existing();
        }
        if (freshness.existing() != null) {
            progress.runsAgain(stage.name(), freshness);
        }
        RunLayout layout = context.layout();
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        try (StageWatch watch = StageWatch.start(stage.name(), context.config().progressInterval(),
                StageWatch.of(context.spark().sparkContext().statusTracker()), progress)) {
            layout.clearPending(context.index(), stage.name());
            Dataset<Row> outcomes = stage.outcomes(context).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                StageManifest manifest = write(stage, context, outcomes, freshness, started, t0);
                layout.writeManifest(layout.pendingStageDir(context.index(), stage.name()), manifest);
                layout.commit(context.index(), stage.name());
                progress.finished(manifest);
                return manifest;
            } finally {
                outcomes.unpersist();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stage " + stage.name() + " could not write to " + layout.root(), e);
        }
    }

    private StageManifest write(Stage stage, StageContext context, Dataset<Row> outcomes, Freshness freshness,
                                Instant started, long t0) {
        String configHash = freshness.configHash();
        String inputFingerprint = freshness.inputFingerprint();
        RunLayout layout = context.layout();
        String name = stage.name();

        stage.writeSideTables(context, outcomes);

        // One aggregation gives every count: kept per dataset (reason null) and rejected per reason,
        // in rows and in the input documents they account for (more rows than documents when a
        // stage splits documents into pieces).
        boolean splits = has(outcomes, Documents.UNIT);
        Column unit = splits ? col(Documents.UNIT) : lit(1);
        // Characters of what each dataset kept, for the report's funnel: summed here, where the rows
        // are already in hand, rather than by re-reading the stage folder later.
        boolean hasChars = has(outcomes, Documents.N_CHARS);
        Column chars = hasChars ? col(Documents.N_CHARS).cast("long") : lit(0L);
        // And, in the same pass, the rejected row with the least id of each (dataset, reason code),
        // the report's examples: the rows are in memory here, the report would have to re-read them.
        Column example = when(col(Documents.REASON).isNotNull(), struct(col(Documents.ID), col(Documents.REASON),
                col(Documents.DETAIL), context.config().keepRejectedText() && has(outcomes, Documents.TEXT)
                        ? substring(col(Documents.TEXT), 1, StageManifest.Example.EXCERPT_CHARS) : lit(null).cast("string")));
        Map<String, long[]> perDataset = new TreeMap<>();
        Map<String, StageManifest.Example> examples = new TreeMap<>();
        Map<String, Long> keptChars = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        long kept = 0;
        long rejected = 0;
        long keptDocuments = 0;
        long rejectedDocuments = 0;
        for (Row r : outcomes.groupBy(col(Documents.DATASET), stage.reasonCode().as(Documents.REASON))
                .agg(count(lit(1)), sum(unit), sum(chars), min(example)).collectAsList()) {
            String dataset = r.getString(0);
            String reason = r.getString(1);
            long n = r.getLong(2);
            long documents = r.getLong(3);
            long[] c = perDataset.computeIfAbsent(dataset, d -> new long[3]);
            c[2] += documents;
            if (reason == null) {
                c[0] += n;
                kept += n;
                keptChars.merge(dataset, r.isNullAt(4) ? 0L : r.getLong(4), Long::sum);
                keptDocuments += documents;
            } else {
                c[1] += n;
                rejected += n;
                rejectedDocuments += documents;
                byReason.merge(reason, n, Long::sum);
                Row e = r.getStruct(5);
                StageManifest.Example candidate = new StageManifest.Example(e.getString(1), e.getString(0), dataset,
                        e.getString(2), e.getString(3));
                examples.merge(reason, candidate, (a, b) -> EXAMPLE_ORDER.compare(a, b) <= 0 ? a : b);
            }
        }

        List<StageManifest.FileError> fileErrors = new ArrayList<>();
        if (!stage.fileLevelReasons().isEmpty()) {
            Dataset<Row> files = outcomes
                    .filter(col(Documents.REASON).isin(stage.fileLevelReasons().toArray()))
                    .select(Documents.DATASET, Documents.SOURCE, Documents.REASON, Documents.DETAIL)
                    .orderBy(Documents.DATASET, Documents.SOURCE)
                    .limit(MAX_FILE_ERRORS);
            for (Row r : files.collectAsList()) {
                fileErrors.add(new StageManifest.FileError(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
            }
        }

        Path keptDir = layout.pendingStageDir(context.index(), name);
        Path rejectedDir = layout.pendingRejectedDir(name);
        Documents.writePlainWhereUnique(outcomes.filter(col(Documents.REASON).isNull())
                .drop(java.util.Arrays.stream(outcomes.columns()).filter(c -> c.startsWith(Documents.OUTCOME_PREFIX))
                        .toArray(String[]::new))
                .write()).mode(SaveMode.Overwrite).parquet(keptDir.toString());
        Documents.writePlainWhereUnique(outcomes.filter(col(Documents.REASON).isNotNull())
                .select(Documents.rejectedColumns(name, context.config().keepRejectedText(), outcomes.schema()))
                .write()).mode(SaveMode.Overwrite).parquet(rejectedDir.toString());

        // Recount what is on disk: the check covers the writes, not just the plan.
        long keptWritten = context.spark().read().parquet(keptDir.toString()).count();
        long rejectedWritten = context.spark().read().parquet(rejectedDir.toString()).count();
        long in = stage.inputCount(context, keptDocuments + rejectedDocuments);
        if (keptWritten != kept || rejectedWritten != rejected || in != keptDocuments + rejectedDocuments) {
            throw new StageAccountingError(String.format(
                    "stage %s lost rows: in %d, kept %d (counted %d, %d documents), rejected %d (counted %d, %d documents)",
                    name, in, keptWritten, kept, keptDocuments, rejectedWritten, rejected, rejectedDocuments));
        }

        Map<String, StageManifest.DatasetCounts> datasets = new TreeMap<>();
        perDataset.forEach((d, c) -> datasets.put(d, new StageManifest.DatasetCounts(c[2], c[0], c[1])));
        String outputFingerprint = Fingerprint.of(name, configHash, inputFingerprint, keptWritten, rejectedWritten);
        return new StageManifest(name, context.index(), configHash, inputFingerprint, outputFingerprint,
                in, keptWritten, rejectedWritten, byReason, datasets, fileErrors, started.toString(),
                (System.nanoTime() - t0) / 1_000_000, context.spark().version(),
                context.spark().sparkContext().master(), new TreeMap<>(stage.metrics()),
                splits ? new StageManifest.Split(keptDocuments, rejectedDocuments) : null,
                hasChars ? keptChars : null, new ArrayList<>(examples.values()), freshness.settings(),
                stage.files().isEmpty() ? null : new TreeMap<>(stage.files()));
    }

    /** Least id first (as Spark's min over the struct, nulls first), then dataset. */
    private static final java.util.Comparator<StageManifest.Example> EXAMPLE_ORDER = java.util.Comparator
            .comparing(StageManifest.Example::id, java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()))
            .thenComparing(StageManifest.Example::dataset);

    private static boolean has(Dataset<Row> rows, String column) {
        return java.util.Arrays.asList(rows.columns()).contains(column);
    }
}
