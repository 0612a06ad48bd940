package dev.winnow.jobs.dedup;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.LshBands;
import dev.winnow.dedup.MinHasher;
import dev.winnow.dedup.Shingler;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import dev.winnow.jobs.docs.LazyRows;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

import java.util.Iterator;

/**
 * The executor side of fuzzy dedup's first step: a document's shingles, MinHash signature and
 * LSH band keys, computed in one pass with one shingler and hasher per partition. Reads
 * {@code (node, text, draw)}, writes {@code (node, keys, size, draw)} (size: the number of
 * shingles; draw passed through); keys is null for a text without tokens (it cannot be a
 * near-duplicate of anything). Each task adds one to the counter of the MinHash loop its JVM
 * runs ({@link MinHasher.Loop}), so that the driver can tell an executor started without the
 * Vector API module, which runs 2-7 times slower.
 */
public final class SketchPartition implements MapPartitionsFunction<Row, Row> {
    public static final StructType SCHEMA = new StructType()
            .add(Columns.NODE, DataTypes.LongType, false)
            .add(Columns.KEYS, DataTypes.createArrayType(DataTypes.LongType, false), true)
            .add(Columns.SIZE, DataTypes.IntegerType, false)
            .add(Columns.DRAW, DataTypes.LongType, false);

    private final FuzzyParams params;
    private final LongAccumulator[] tasksByLoop;

    /** {@code tasksByLoop}: one counter per {@link MinHasher.Loop}, in its order. */
    public SketchPartition(FuzzyParams params, LongAccumulator[] tasksByLoop) {
        if (tasksByLoop.length != MinHasher.Loop.values().length) {
            throw new IllegalArgumentException("one counter per MinHash loop kind, got " + tasksByLoop.length);
        }
        this.params = params;
        this.tasksByLoop = tasksByLoop.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        tasksByLoop[MinHasher.loopKind().ordinal()].add(1);
        Shingler shingler = params.shingler();
        MinHasher hasher = params.minHasher();
        LshBands bands = params.lshBands();
        return LazyRows.map(rows, r -> {
            String text = r.isNullAt(1) ? "" : r.getString(1);
            long[] shingles = shingler.shingles(text);
            long[] signature = hasher.signature(shingles);
            Long[] keys = null;
            if (signature != null) {
                keys = new Long[bands.bands()];
                for (int b = 0; b < keys.length; b++) {
                    keys[b] = bands.key(signature, b);
                }
            }
            return RowFactory.create(r.getLong(0), keys, shingles.length, r.getLong(2));
        });
    }
}
