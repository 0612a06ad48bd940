package dev.winnow.jobs.dedup;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.ShingleUnit;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The near-duplicate graph depends on the documents, not on the numbers their position gives them. */
class NearDuplicateGraphTest {
    private static final int FAMILIES = 6;
    private static final int COPIES = 8;
    /** Every bucket of two or more is a star: the centre drawn decides which edges exist. */
    private static final int STARS_ONLY = 1;
    private static final FuzzyParams PARAMS = new FuzzyParams(ShingleUnit.WORD, 5, 20, 7, 0.8, false, 42);

    /** Families of copies of one text, each copy with a few words replaced. */
    private static List<String> corpus() {
        Random random = new Random(5);
        List<String> texts = new ArrayList<>();
        for (int f = 0; f < FAMILIES; f++) {
            String[] base = new String[300];
            for (int w = 0; w < base.length; w++) {
                base[w] = "w" + f + "x" + random.nextInt(5_000);
            }
            for (int c = 0; c < COPIES; c++) {
                String[] copy = base.clone();
                for (int k = 0; k < 3; k++) {
                    copy[random.nextInt(copy.length)] = "edit" + f + "c" + c + "k" + k;
                }
                texts.add(String.join(" ", copy));
            }
        }
        return texts;
    }

    /** The candidate edges as pairs of corpus indices, with document i numbered {@code node(i)}. */
    private static Set<String> edges(SparkSession spark, List<String> texts, java.util.function.IntToLongFunction node) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(node.applyAsLong(i), texts.get(i), (long) i));
        }
        StructType schema = new StructType().add(Columns.NODE, DataTypes.LongType, false)
                .add("text", DataTypes.StringType, false).add(Columns.DRAW, DataTypes.LongType, false);
        Dataset<Row> docs = spark.createDataFrame(rows, schema);
        java.util.Map<Long, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            index.put(node.applyAsLong(i), i);
        }
        Set<String> out = new TreeSet<>();
        NearDuplicateGraph graph = new NearDuplicateGraph(PARAMS, STARS_ONLY, d -> d.localCheckpoint(true));
        for (Row e : graph.candidateEdges(docs).collectAsList()) {
            int a = index.get(e.getLong(0));
            int b = index.get(e.getLong(1));
            out.add(Math.min(a, b) + "-" + Math.max(a, b));
        }
        return out;
    }

    /** Four per core, so that AQE's size-based merging cannot leave the buckets to one task, whatever the shuffle setting. */
    @Test
    void bucketShuffleHasFourPartitionsPerCore() {
        SparkSession spark = SparkTestSession.get();
        String before = spark.conf().get("spark.sql.shuffle.partitions");
        int cores = spark.sparkContext().defaultParallelism();
        try {
            spark.conf().set("spark.sql.shuffle.partitions", "1");
            assertEquals(4 * cores, NearDuplicateGraph.bucketPartitions(spark));
            spark.conf().set("spark.sql.shuffle.partitions", "5000");
            assertEquals(4 * cores, NearDuplicateGraph.bucketPartitions(spark));
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", before);
        }
    }

    @Test
    void renumberingTheDocumentsGivesTheSameEdges() {
        SparkSession spark = SparkTestSession.get();
        List<String> texts = corpus();
        Set<String> inOrder = edges(spark, texts, i -> i);
        // As another split of the input would number them: other values, another order.
        Set<String> renumbered = edges(spark, texts, i -> (long) (texts.size() - i) << 33 | 17L * i);
        assertTrue(inOrder.size() >= FAMILIES * (COPIES - 1), "every copy meets a centre: " + inOrder.size());
        for (String e : inOrder) {
            String[] ab = e.split("-");
            assertEquals(Integer.parseInt(ab[0]) / COPIES, Integer.parseInt(ab[1]) / COPIES, "within a family: " + e);
        }
        assertEquals(inOrder, renumbered);
    }
}
