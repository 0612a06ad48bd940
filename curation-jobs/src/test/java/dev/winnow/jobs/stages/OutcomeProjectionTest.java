package dev.winnow.jobs.stages;

import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Outcome rows from a UDF beside the input (local[2]): columns in order, replaced only where the
 * UDF gives a value, and the UDF called once per row although the projection reads four of its
 * fields.
 */
class OutcomeProjectionTest {
    private static final StructType DOCS = new StructType()
            .add(Documents.ID, DataTypes.StringType, false)
            .add(Documents.TEXT, DataTypes.StringType, true)
            .add("extra", DataTypes.IntegerType, false);

    private static final StructType OUT = new StructType()
            .add(Documents.TEXT, DataTypes.StringType, true)
            .add("length", DataTypes.IntegerType, false)
            .add(OutcomeProjection.REASON, DataTypes.StringType, true)
            .add(OutcomeProjection.DETAIL, DataTypes.StringType, true);

    /** Upper-cases texts that start with "x", rejects texts shorter than 3, counts its calls. */
    static final class Shout implements UDF1<String, Row> {
        private final LongAccumulator calls;

        Shout(LongAccumulator calls) {
            this.calls = calls;
        }

        @Override
        public Row call(String text) {
            calls.add(1);
            String t = text == null ? "" : text;
            boolean shout = t.startsWith("x");
            boolean shortText = t.length() < 3;
            return RowFactory.create(shout ? t.toUpperCase(java.util.Locale.ROOT) : null, t.length(),
                    shortText ? "too-short" : null, shortText ? t.length() + " < 3" : null);
        }
    }

    @Test
    void replacesAddsAndCallsTheUdfOncePerRow() {
        SparkSession spark = SparkTestSession.get();
        List<Row> rows = new ArrayList<>();
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            String text = i % 7 == 0 ? null : (i % 3 == 0 ? "x" : "") + "text " + i + (i % 11 == 0 ? "" : " body");
            rows.add(RowFactory.create("d" + i, i % 13 == 0 ? "ab" : text, i));
        }
        Dataset<Row> input = spark.createDataFrame(rows, DOCS).repartition(4);
        LongAccumulator calls = spark.sparkContext().longAccumulator("shout calls");
        Dataset<Row> out = OutcomeProjection.of(input, udf(new Shout(calls), OUT), new Column[] {col(Documents.TEXT)},
                Map.of(Documents.TEXT, Documents.TEXT), List.of("length"));

        assertArrayEquals(new String[] {Documents.ID, Documents.TEXT, "extra", "length", Documents.REASON,
            Documents.DETAIL}, out.columns());
        // Collected as it comes (an orderBy would run the plan once more to sample its ranges).
        List<Row> got = new ArrayList<>(out.collectAsList());
        got.sort(java.util.Comparator.comparingInt(r -> r.getInt(2)));
        assertEquals(n, calls.value(), "one call per row");
        for (int i = 0; i < n; i++) {
            Row in = rows.get(i);
            Row r = got.get(i);
            String text = in.getString(1);
            assertEquals(in.getString(0), r.getString(0));
            assertEquals(text != null && text.startsWith("x") ? text.toUpperCase(java.util.Locale.ROOT) : text,
                    r.getString(1), "row " + i);
            assertEquals(i, r.getInt(2));
            assertEquals(text == null ? 0 : text.length(), r.getInt(3));
            if (text == null || text.length() < 3) {
                assertEquals("too-short", r.getString(4));
                assertEquals((text == null ? 0 : text.length()) + " < 3", r.getString(5));
            } else {
                assertNull(r.get(4));
                assertNull(r.get(5));
            }
        }
        // Nullability as declared: the input's where a column is replaced, the struct's where added.
        assertEquals(DOCS.apply(Documents.ID), out.schema().apply(Documents.ID));
        assertEquals(DOCS.apply(Documents.TEXT).nullable(), out.schema().apply(Documents.TEXT).nullable());
        assertFalse(out.schema().apply("length").nullable());
        assertTrue(out.schema().apply(Documents.REASON).nullable());
    }
}
