package dev.winnow.jobs.dedup;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.broadcast;

/**
 * Joins of the document table (with its text) with a table of the documents dedup concerns:
 * when that table is small it is broadcast, so the text is never shuffled or sorted for the
 * join. Spark cannot tell by itself: a checkpointed table has no size estimate.
 */
public final class Broadcasts {
    /** 4M rows of a node and a few short columns: tens of MB per executor at most. */
    static final long MAX_ROWS = 4_000_000;

    private Broadcasts() {
    }

    /** {@code table} with a broadcast hint when it has at most {@link #MAX_ROWS} rows (counted). */
    public static Dataset<Row> ifSmall(Dataset<Row> table) {
        return ifSmall(table, table.count());
    }

    public static Dataset<Row> ifSmall(Dataset<Row> table, long rows) {
        return rows <= MAX_ROWS ? broadcast(table) : table;
    }
}
