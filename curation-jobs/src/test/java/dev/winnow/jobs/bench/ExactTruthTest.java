package dev.winnow.jobs.bench;

import dev.winnow.dedup.PairMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactTruthTest {
    @Test
    void joinAgreesWithBruteForceOnAGeneratedCorpus(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("corpus.jsonl.gz");
        new NearDupCorpus(TestText.source(), NearDupCorpus.Settings.defaults(1500, 11).withLargeClusterRate(0.02))
                .write(file);
        DedupMllibBench.Corpus corpus = DedupMllibBench.read(file);
        assertEquals(1500, corpus.shingles().size());
        for (double t : new double[] {0.5, 0.8, 0.95}) {
            long[] join = ExactTruth.pairs(corpus.shingles(), t);
            assertArrayEquals(ExactTruth.bruteForce(corpus.shingles(), t), join, "threshold " + t);
            // With written-for-the-test text, near-duplicates are the generator's copies only.
            PairMetrics.Result vsClusters = PairMetrics.compare(join, corpus.clusters());
            assertEquals(join.length, vsClusters.truePositives(), "pairs across clusters at " + t);
        }
        assertTrue(ExactTruth.pairs(corpus.shingles(), 0.8).length > 100);
    }
}
