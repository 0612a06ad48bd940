package dev.winnow.jobs.dedup;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.Shingler;
import dev.winnow.dedup.Shingles32;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import dev.winnow.jobs.docs.LazyRows;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;

/**
 * Shingle sets of the documents that verification needs, {@code (node, text) -> (node, shingles)},
 * each hash cut to its high 32 bits ({@link Shingles32}: half the bytes in verification's two
 * shuffles) and the set packed as little-endian ints in a binary column (no boxing).
 */
public final class ShinglePartition implements MapPartitionsFunction<Row, Row> {
    public static final StructType SCHEMA = new StructType()
            .add(Columns.NODE, DataTypes.LongType, false)
            .add(Columns.SHINGLES, DataTypes.BinaryType, false);

    private final FuzzyParams params;

    public ShinglePartition(FuzzyParams params) {
        this.params = params;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Shingler shingler = params.shingler();
        return LazyRows.map(rows, r ->
                RowFactory.create(r.getLong(0), pack(Shingles32.of(shingler.shingles(r.isNullAt(1) ? "" : r.getString(1))))));
    }

    static byte[] pack(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return b.array();
    }

    static int[] unpack(byte[] bytes) {
        int[] values = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }
}
