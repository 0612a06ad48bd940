package dev.winnow.jobs.stages;

import dev.winnow.jobs.docs.LazyRows;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.function.Function;

/**
 * A stage's executor side when it maps each row to one outcome row: per-partition setup
 * ({@link #mapper}), then a lazy one-to-one map, so a partition is never held in memory.
 */
abstract class RowMapPartition implements MapPartitionsFunction<Row, Row> {

    /** Called once per partition: builds what the rows of this partition share. */
    abstract Function<Row, Row> mapper();

    @Override
    public final Iterator<Row> call(Iterator<Row> rows) {
        return LazyRows.map(rows, mapper());
    }

    /** The row's values followed by {@code extra} empty slots for the columns a stage adds. */
    static Object[] valuesWithRoomFor(Row row, int extra) {
        Object[] values = new Object[row.size() + extra];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        return values;
    }
}
