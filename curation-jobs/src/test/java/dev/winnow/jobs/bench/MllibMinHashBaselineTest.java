package dev.winnow.jobs.bench;

import dev.winnow.dedup.PairMetrics;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MllibMinHashBaselineTest {
    @Test
    void findsTheNearDuplicatesOfAGeneratedCorpus(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("corpus.jsonl");
        new NearDupCorpus(TestText.source(), NearDupCorpus.Settings.defaults(300, 5)).write(file);
        DedupMllibBench.Corpus corpus = DedupMllibBench.read(file);
        long[] truth = ExactTruth.pairs(corpus.shingles(), 0.8);
        assertTrue(truth.length > 20, "the corpus has near-duplicate pairs: " + truth.length);

        SparkSession spark = SparkTestSession.get();
        MllibMinHashBaseline.Result r = MllibMinHashBaseline.run(spark, file.toString(),
                new MllibMinHashBaseline.Settings(5, 42, 0.8, 4, 300), corpus.ids());
        assertTrue(r.finished(), r.message());
        assertEquals(300, r.docs());
        assertEquals(0, r.droppedDocs());
        assertEquals(300, corpus.ids().size(), "no predicted id outside the corpus");
        PairMetrics.Result m = PairMetrics.compare(r.pairs(), truth);
        // 5 one-hash tables miss a pair of similarity 0.8 with probability 0.2^5; 2^20 features barely collide.
        assertTrue(m.recall() > 0.95 && m.precision() > 0.95, m.toString());
    }

    @Test
    void joinDistanceKeepsTiesAtTheThreshold() {
        for (double t : new double[] {0.5, 0.7, 0.8, 0.9}) {
            double d = MllibMinHashBaseline.joinDistance(t);
            assertTrue(1 - t < d, "J = t is kept at " + t);
            assertFalse(1 - (t - 1e-9) < d, "J just below t is not kept at " + t);
        }
        // 4/5 is the same double as 0.8: its distance is below the join distance.
        assertTrue(1 - 400.0 / 500 < MllibMinHashBaseline.joinDistance(0.8));
    }

    @Test
    void documentsWithoutShinglesAreDroppedAndCounted(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("docs.jsonl");
        java.nio.file.Files.write(file, List.of(
                "{\"id\":\"a\",\"text\":\"one two three four five six seven\"}",
                "{\"id\":\"b\",\"text\":\"one two three four five six seven\"}",
                "{\"id\":\"c\",\"text\":\"... !!! ---\"}",
                "{\"id\":\"d\",\"text\":\"something else entirely, nothing like the others at all\"}"));
        PairMetrics.Ids ids = new PairMetrics.Ids();
        MllibMinHashBaseline.Result r = MllibMinHashBaseline.run(SparkTestSession.get(), file.toString(),
                new MllibMinHashBaseline.Settings(5, 42, 0.8, 2, 300), ids);
        assertEquals(3, r.docs());
        assertEquals(1, r.droppedDocs());
        assertEquals(1, r.pairs().length);
        assertEquals(PairMetrics.key(ids.find("a"), ids.find("b")), r.pairs()[0]);
    }

    @Test
    void reportsInsteadOfHangingWhenTheLimitPasses(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("corpus.jsonl");
        new NearDupCorpus(TestText.source(), NearDupCorpus.Settings.defaults(2000, 6)).write(file);
        SparkSession spark = SparkTestSession.get();
        MllibMinHashBaseline.Result r = MllibMinHashBaseline.run(spark, file.toString(),
                new MllibMinHashBaseline.Settings(5, 42, 0.8, 4, 0), new PairMetrics.Ids());
        assertFalse(r.finished());
        assertTrue(r.message().startsWith("did not finish in 0 s"), r.message());
        assertNull(r.pairs());
        // The session still works after the cancelled jobs.
        assertEquals(2000, spark.read().json(file.toString()).count());
    }
}
