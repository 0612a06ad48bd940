package dev.winnow.jobs.quality;

import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The training sample: exactly the first documents by SHA-1 of the id, per class, prepared. */
class TrainingSampleTest {
    private record Doc(String id, String dataset, String text) {}

    private static final List<Doc> DOCS = docs();

    private static List<Doc> docs() {
        Random r = new Random(5);
        List<Doc> docs = new ArrayList<>();
        String[] datasets = {"a", "b", "c"};
        int[] counts = {300, 120, 50};
        for (int d = 0; d < datasets.length; d++) {
            for (int i = 0; i < counts[d]; i++) {
                // some long enough for the 4,000 / 1,500 cut, with newlines to flatten
                StringBuilder t = new StringBuilder(datasets[d] + i + "\n");
                int words = r.nextInt(8) == 0 ? 900 : 5 + r.nextInt(40);
                for (int w = 0; w < words; w++) {
                    t.append("w").append(r.nextInt(1000)).append(w % 17 == 0 ? '\n' : ' ');
                }
                docs.add(new Doc(datasets[d] + "/" + i, datasets[d], t.toString()));
            }
        }
        docs.add(new Doc("a/no-text", "a", null)); // not a training document
        // a dataset counted at 510 documents of which only 10 have text
        for (int i = 0; i < 510; i++) {
            docs.add(new Doc("n/" + i, "n", i < 10 ? "text " + i : null));
        }
        return docs;
    }

    private static Dataset<Row> input() {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("dataset", DataTypes.StringType)
                .add("text", DataTypes.StringType).add("other", DataTypes.IntegerType);
        List<Row> rows = DOCS.stream().map(d -> RowFactory.create(d.id(), d.dataset(), d.text(), 1)).toList();
        return SparkTestSession.get().createDataFrame(rows, schema).repartition(5);
    }

    private static String sha1(String id) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(id.getBytes(StandardCharsets.UTF_8)));
    }

    private static String prepared(String text) {
        String flat = text.replace('\n', ' ');
        flat = flat.substring(0, Math.min(4000, flat.length()));
        return flat.substring(Math.max(0, flat.length() - 1500));
    }

    /** The reference: sort the class by (hash, id) in plain Java, keep max, prepare. */
    private static List<String> expected(List<String> datasets, int max) throws Exception {
        List<String[]> keyed = new ArrayList<>();
        for (Doc d : DOCS) {
            if (datasets.contains(d.dataset()) && d.text() != null) {
                keyed.add(new String[] {sha1(d.id()), d.id(), prepared(d.text())});
            }
        }
        keyed.sort(Comparator.<String[], String>comparing(k -> k[0]).thenComparing(k -> k[1]));
        return keyed.stream().limit(max).map(k -> k[2]).toList();
    }

    @Test
    void eachClassGetsItsFirstDocumentsByHashPrepared() throws Exception {
        List<List<String>> classes = List.of(List.of("a"), List.of("b", "c"));
        List<List<String>> got = TrainingSample.texts(input(), classes, 40);
        assertEquals(expected(List.of("a"), 40), got.get(0));
        assertEquals(expected(List.of("b", "c"), 40), got.get(1));
        assertEquals(40, got.get(0).size());
    }

    @Test
    void aThresholdThatLetsTooFewThroughIsRaisedUntilTheSampleIsWhole() throws Exception {
        // about 3 documents wanted at first: the threshold doubles several times for 60
        List<List<String>> got = TrainingSample.texts(input(), List.of(List.of("a"), List.of("c")), 60, 3);
        assertEquals(expected(List.of("a"), 60), got.get(0));
        assertEquals(expected(List.of("c"), 60), got.get(1), "c has 50: all of them");
        assertEquals(50, got.get(1).size());
    }

    @Test
    void aClassSmallerThanTheCapIsTakenWholeAndADatasetInBothClassesServesBoth() throws Exception {
        List<List<String>> got = TrainingSample.texts(input(), List.of(List.of("b", "c"), List.of("c")), 1000);
        assertEquals(expected(List.of("b", "c"), 1000), got.get(0));
        assertEquals(170, got.get(0).size());
        assertEquals(expected(List.of("c"), 1000), got.get(1));
    }

    /** The count sees documents without text; the sample never does, and is whole all the same. */
    @Test
    @Timeout(120) // a sample that never counts as whole would loop
    void documentsWithoutTextAreCountedButNeverCollected() throws Exception {
        List<List<String>> got = TrainingSample.texts(input(), List.of(List.of("n"), List.of("c")), 40);
        assertEquals(expected(List.of("n"), 40), got.get(0));
        assertEquals(10, got.get(0).size());
        assertEquals(expected(List.of("c"), 40), got.get(1));
    }
}
