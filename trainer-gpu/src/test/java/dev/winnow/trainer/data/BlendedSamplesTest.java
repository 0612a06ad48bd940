package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blend end to end, from Parquet shards written here: content, mixture, epochs, determinism, cache reuse. */
class BlendedSamplesTest {
    static final int SEQ_LEN = ThreeDatasetBlend.SEQ_LEN;
    static final long SAMPLES = ThreeDatasetBlend.SAMPLES;
    static final long SEED = ThreeDatasetBlend.SEED;
    static final int END = ThreeDatasetBlend.END;

    @TempDir
    static Path tmp;
    static ThreeDatasetBlend fixture;
    static BlendedSamples blend;

    @BeforeAll
    static void writeAndOpen() throws IOException {
        fixture = new ThreeDatasetBlend(tmp);
        blend = fixture.blend;
    }

    static BlendedSamples open(Path cache, long seed) {
        return fixture.open(cache, seed);
    }

    @Test
    void samplesAreWindowsOfTheShuffledDocumentsWithEndOfDocumentTokens() {
        BlendIndex index = blend.index();
        int[] actual = new int[SEQ_LEN + 1];
        for (long i = 0; i < 5000; i++) {
            int d = index.dataset(i);
            DatasetIndex di = index.datasetIndex(d);
            int j = di.shuffled(index.datasetSample(i));
            // Walk token by token from where the sample starts.
            int[] expected = new int[SEQ_LEN + 1];
            long p = di.startPosition(j);
            int o = di.startOffset(j);
            for (int k = 0; k <= SEQ_LEN; k++) {
                int[] doc = fixture.storeOrder.get(d).get(di.document(p));
                expected[k] = o < doc.length ? doc[o] : END;
                if (++o > doc.length) {
                    p++;
                    o = 0;
                }
            }
            blend.read(i, actual);
            assertArrayEquals(expected, actual, "sample " + i);
        }
    }

    @Test
    void mixtureMatchesTheWeightsWithinOneTenthOfAPercentAndEpochsMatchTheManifest() {
        BlendManifest m = BlendFolder.open(fixture.dir, ShardVerification.LAZY).manifest();
        double[] epochs = m.datasets().values().stream().mapToDouble(BlendManifest.Dataset::epochs).toArray();
        long[] tokens = m.datasets().values().stream().mapToLong(BlendManifest.Dataset::tokens).toArray();
        MixtureReport r = MixtureReport.of(blend.index(), SAMPLES, m.targetTokens(), epochs, tokens);
        for (MixtureReport.Row row : r.rows()) {
            assertEquals(row.weight(), row.fraction(), 0.001 * row.weight(), row.dataset() + " share");
            assertEquals(row.expectedEpochs(), row.epochsRead(), 0.001 * row.expectedEpochs(), row.dataset() + " epochs");
            // The manifest's own figure, which counts no end-of-document tokens, differs only by documents ÷ tokens.
            BlendManifest.Dataset d = m.datasets().get(row.dataset());
            assertEquals(d.epochs() * d.tokens() / (d.tokens() + d.documents()), row.expectedEpochs(), 1e-9);
        }
    }

    @Test
    void sameManifestAndSeedGiveTheSameSequenceFromAFreshCache() {
        String first = SequenceChecksum.of(blend, 100_000);
        BlendedSamples rebuilt = open(tmp.resolve("other-cache"), SEED);
        assertEquals(first, SequenceChecksum.of(rebuilt, 100_000));
        assertNotEquals(first, SequenceChecksum.of(open(tmp.resolve("other-cache"), SEED + 1), 100_000));
    }

    @Test
    void anExistingIndexIsReusedNotRebuilt() throws IOException {
        Path file = blend.index().dir().resolve("web").resolve(DatasetIndex.SHUFFLE);
        FileTime built = Files.getLastModifiedTime(file);
        BlendedSamples again = open(tmp.resolve("cache"), SEED);
        assertEquals(blend.index().dir(), again.index().dir());
        assertEquals(built, Files.getLastModifiedTime(file));
        try (var entries = Files.list(tmp.resolve("cache"))) {
            assertEquals(List.of(), entries.map(e -> e.getFileName().toString()).filter(n -> n.startsWith(".tmp")).toList(),
                    "no temporary folders left");
        }
    }

    @Test
    void indexSummaryRecordsThePlans() {
        Map<String, BlendIndex.DatasetSummary> plans = blend.index().summary().datasets();
        assertEquals(List.of("web", "books", "forum"), List.copyOf(plans.keySet()));
        assertEquals(BlendingIndex.samplesFor(0.5, SAMPLES), plans.get("web").plan().samples());
        assertTrue(plans.get("forum").plan().epochs() > 1000);
    }
}
