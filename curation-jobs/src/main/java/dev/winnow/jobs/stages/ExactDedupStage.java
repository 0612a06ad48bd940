package dev.winnow.jobs.stages;

import dev.winnow.jobs.dedup.Columns;
import dev.winnow.jobs.dedup.ExactKeyPartition;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * Exact deduplication: documents whose (normalized) texts hash alike are one group; one is kept
 * by dataset priority and the rest are rejected as {@code exact-dup:<representative id>}.
 */
public final class ExactDedupStage extends DedupStage {
    public static final String NAME = "exact-dedup";

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    public ExactDedupStage() {
        super(NAME, "exact-dup");
    }

    @Override
    Dataset<Row> groups(StageContext context, Dataset<Row> docs, UnaryOperator<Dataset<Row>> checkpoint) {
        boolean normalize = context.config().block(NAME).getBoolean("normalize");
        Dataset<Row> keys = docs.select(col(Columns.NODE), col(Documents.TEXT))
                .mapPartitions(new ExactKeyPartition(normalize), Encoders.row(ExactKeyPartition.SCHEMA));
        return checkpoint.apply(keys
                .withColumn("_n", count(lit(1)).over(Window.partitionBy(col(Columns.KEY))))
                .filter(col("_n").gt(1))
                .select(col(Columns.NODE), col(Columns.KEY).as(Columns.GROUP)));
    }
}
