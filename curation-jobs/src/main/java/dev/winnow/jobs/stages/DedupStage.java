package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.dedup.Broadcasts;
import dev.winnow.jobs.dedup.Columns;
import dev.winnow.jobs.dedup.Priorities;
import dev.winnow.jobs.dedup.Representatives;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.StageContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.substring_index;

/**
 * What exact and fuzzy dedup share: number the documents, let the stage find the duplicate
 * groups, keep one per group by dataset priority ({@link Representatives}), reject the rest as
 * {@code <stage reason>:<representative id>}, and write the groups to {@code clusters/<stage>/}.
 */
abstract class DedupStage extends BlockStage {
    private final String reason;
    protected final Map<String, Long> metrics = new LinkedHashMap<>();

    DedupStage(String name, String reason) {
        super(name);
        this.reason = reason;
    }

    /**
     * {@code (node, group)} of the documents that have a duplicate. {@code docs} has the input
     * columns plus {@link Columns#NODE}.
     */
    abstract Dataset<Row> groups(StageContext context, Dataset<Row> docs, UnaryOperator<Dataset<Row>> checkpoint);

    @Override
    public SettingsText settings(StageContext context) {
        // Priorities decide which copy is kept; they are in winnow.datasets, outside the stage's block.
        Map<String, String> shown = new TreeMap<>();
        context.config().datasets().forEach(d -> shown.put("datasets[" + d.name() + "].priority",
                String.valueOf(d.priority())));
        return super.settings(context).line("", Priorities.describe(context.config().datasets()), shown);
    }

    /**
     * How intermediate tables (edges of each component round, groups) are materialized and their
     * lineage cut. {@code local}: kept by the executors (fast; but a lost executor takes its blocks
     * with it, and Spark cannot recompute a local checkpoint: the job fails). {@code reliable}:
     * written under the run folder first (survives lost executors, costs a second computation of each
     * table, as Spark's reliable checkpoints do). {@code auto}: local on a local master (one JVM: an
     * executor is never lost alone), reliable on a cluster. The mode changes how, never what, is
     * computed.
     */
    private UnaryOperator<Dataset<Row>> checkpoint(StageContext context) {
        String mode = checkpointMode(configuredCheckpoint(context.config()), context.spark().sparkContext().master());
        if (mode.equals("local")) {
            return d -> d.localCheckpoint(true);
        }
        context.spark().sparkContext().setCheckpointDir(context.layout().checkpointDir(name()).toString());
        return d -> d.checkpoint(true);
    }

    @Override
    public void checkSettings(WinnowConfig config) {
        configuredCheckpoint(config);
    }

    /** {@code checkpoint} as configured: auto, local or reliable. */
    private String configuredCheckpoint(WinnowConfig config) {
        String mode = config.block(name()).getString("checkpoint");
        if (!List.of("auto", "local", "reliable").contains(mode)) {
            throw new ConfigError("winnow." + name() + ".checkpoint: '" + mode
                    + "' is not a checkpoint mode; use auto, local or reliable");
        }
        return mode;
    }

    /** {@code auto} resolved for a master: local for {@code local…}, reliable for any cluster. */
    static String checkpointMode(String configured, String master) {
        if (!configured.equals("auto")) {
            return configured;
        }
        return master.startsWith("local") ? "local" : "reliable";
    }

    @Override
    public Column reasonCode() {
        return substring_index(col(Documents.REASON), ":", 1);
    }

    @Override
    public Map<String, Long> metrics() {
        return metrics;
    }

    @Override
    public Dataset<Row> outcomes(StageContext context) {
        Dataset<Row> input = context.input();
        // The node number is the document's position (partition, row) in the input: the input's
        // part files are read in a fixed order and split the same way on every run, so the same
        // input gives the same numbers, and so the same groups and representatives.
        Dataset<Row> docs = input.withColumn(Columns.NODE, monotonically_increasing_id());
        RunLayout layout = context.layout();
        UnaryOperator<Dataset<Row>> checkpoint = checkpoint(context);
        Dataset<Row> groups = groups(context, docs, checkpoint);

        Dataset<Row> members = groups.join(docs.select(col(Columns.NODE), col(Documents.ID), col(Documents.DATASET),
                Priorities.of(context.config().datasets(), Documents.DATASET).as(Columns.PRIORITY)), Columns.NODE);
        Representatives representatives = new Representatives(members, reason + ":", checkpoint);
        Dataset<Row> clusters = representatives.clusters().orderBy(Representatives.CLUSTER);
        clusters.write().mode(SaveMode.Overwrite).parquet(layout.pendingTableDir("clusters", name()).toString());
        Row sizes = context.spark().read().parquet(layout.pendingTableDir("clusters", name()).toString())
                .agg(org.apache.spark.sql.functions.count(col(Representatives.SIZE)),
                        org.apache.spark.sql.functions.sum(col(Representatives.SIZE)),
                        max(col(Representatives.SIZE)))
                .first();
        metrics.put("clusters", sizes.getLong(0));
        metrics.put("documents_in_clusters", sizes.isNullAt(1) ? 0 : sizes.getLong(1));
        metrics.put("largest_cluster", sizes.isNullAt(2) ? 0 : sizes.getLong(2));
        // The report's cluster-size distribution and duplicates removed per (kept, removed) dataset
        // pair, counted here where the groups are in hand rather than by re-reading every member.
        for (Row r : context.spark().read().parquet(layout.pendingTableDir("clusters", name()).toString())
                .groupBy(col(Representatives.SIZE)).count().collectAsList()) {
            metrics.put(Representatives.CLUSTER_SIZE_METRIC + r.getLong(0), r.getLong(1));
        }
        for (Row r : representatives.removedByDatasetPair().collectAsList()) {
            metrics.put(Representatives.REMOVED_PAIR_METRIC + r.getString(0) + Representatives.PAIR_SEPARATOR + r.getString(1), r.getLong(2));
        }

        Dataset<Row> rejections = Broadcasts.ifSmall(representatives.rejections(),
                metrics.get("documents_in_clusters") - metrics.get("clusters"));
        List<Column> out = new ArrayList<>();
        for (String c : input.columns()) {
            out.add(col(c));
        }
        out.add(col(Documents.REASON));
        out.add(col(Documents.DETAIL));
        return docs.join(rejections, docs.col(Columns.NODE).equalTo(rejections.col(Columns.NODE)), "left")
                .select(out.toArray(new Column[0]));
    }
}
