package dev.winnow.jobs.dedup;

import dev.winnow.dedup.ExactKey;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import dev.winnow.jobs.docs.LazyRows;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Iterator;

/** {@code (node, text) -> (node, key)}: the exact-dedup key of each document. */
public final class ExactKeyPartition implements MapPartitionsFunction<Row, Row> {
    public static final StructType SCHEMA = new StructType()
            .add(Columns.NODE, DataTypes.LongType, false)
            .add(Columns.KEY, DataTypes.StringType, false);

    private final boolean normalize;

    public ExactKeyPartition(boolean normalize) {
        this.normalize = normalize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExactKey key = new ExactKey(normalize);
        return LazyRows.map(rows, r -> RowFactory.create(r.getLong(0), key.of(r.isNullAt(1) ? "" : r.getString(1))));
    }
}
