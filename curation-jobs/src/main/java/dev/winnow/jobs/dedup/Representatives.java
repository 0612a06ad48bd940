package dev.winnow.jobs.dedup;

import dev.winnow.jobs.docs.Documents;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

/**
 * One document kept per duplicate group: the one of the highest dataset priority, then the
 * least id, then the earliest in the input (so the choice is the same on any cluster). The
 * others are rejected as {@code <prefix><representative id>}.
 */
public final class Representatives {
    public static final String CLUSTER = "cluster";
    public static final String SIZE = "size";
    public static final String REPRESENTATIVE_DATASET = "representative_dataset";
    public static final String MEMBERS = "members";
    /** Stage metric key prefixes: {@code cluster_size.<n>} → clusters of n documents. */
    public static final String CLUSTER_SIZE_METRIC = "cluster_size.";
    /** {@code removed_pair.<kept dataset>→<removed dataset>} → documents removed. */
    public static final String REMOVED_PAIR_METRIC = "removed_pair.";
    public static final String PAIR_SEPARATOR = "→";

    private static final String RANK = "_rank";
    private static final String REP_ID = "_rep_id";
    private static final String REP_DATASET = "_rep_dataset";

    private final Dataset<Row> ranked;
    private final String reasonPrefix;

    /** {@code members}: {@code (node, group, id, dataset, priority)} of documents in groups of two or more. */
    public Representatives(Dataset<Row> members, String reasonPrefix, UnaryOperator<Dataset<Row>> checkpoint) {
        WindowSpec order = Window.partitionBy(col(Columns.GROUP))
                .orderBy(col(Columns.PRIORITY).desc(), col(Documents.ID).asc(), col(Columns.NODE).asc());
        // Materialized once: the clusters table and the rejections both read it.
        this.ranked = checkpoint.apply(members
                .withColumn(RANK, row_number().over(order))
                .withColumn(REP_ID, first(col(Documents.ID)).over(order))
                .withColumn(REP_DATASET, first(col(Documents.DATASET)).over(order))
                .withColumn(SIZE, count(lit(1)).over(Window.partitionBy(col(Columns.GROUP)))));
        this.reasonPrefix = reasonPrefix;
    }

    /** {@code (node, _reason, _detail)} of every document that is not its group's representative. */
    public Dataset<Row> rejections() {
        return ranked.filter(col(RANK).gt(1)).select(col(Columns.NODE),
                concat(lit(reasonPrefix), col(REP_ID)).as(Documents.REASON),
                format_string("duplicate of %s (%s), one of %d", col(REP_ID), col(REP_DATASET), col(SIZE))
                        .as(Documents.DETAIL));
    }

    /**
     * One row per group: {@code cluster} (the representative's id), {@code size},
     * {@code representative_dataset}, {@code members} (id, dataset), sorted by id.
     */
    public Dataset<Row> clusters() {
        // Grouped by group, not by representative id: ids need not be unique across documents.
        return ranked.groupBy(col(Columns.GROUP))
                .agg(first(col(REP_ID)).as(CLUSTER),
                        count(lit(1)).as(SIZE),
                        first(col(REP_DATASET)).as(REPRESENTATIVE_DATASET),
                        sort_array(collect_list(struct(col(Documents.ID), col(Documents.DATASET)))).as(MEMBERS))
                .drop(Columns.GROUP);
    }

    /** {@code (kept dataset, removed dataset, count)}: the non-representatives by their representative's dataset. */
    public Dataset<Row> removedByDatasetPair() {
        return ranked.filter(col(RANK).gt(1)).groupBy(col(REP_DATASET), col(Documents.DATASET)).count();
    }
}
