package dev.winnow.trainer.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Train and validation indices over a document split of the three-dataset blend never share a document. */
class HeldOutDocumentsTest {
    private static final double FRACTION = 0.05; // web 60 → 3 held out, books 10 → 1, forum 5 → 0
    private static final long SAMPLES = 20_000;

    @TempDir
    static Path tmp;
    static ThreeDatasetBlend fixture;
    static BlendedSamples train;
    static BlendedSamples validation;

    @BeforeAll
    static void open() throws IOException {
        fixture = new ThreeDatasetBlend(tmp);
        BlendFolder folder = BlendFolder.open(fixture.dir, ShardVerification.LAZY);
        train = BlendedSamples.open(folder, fixture.cache, new IndexSpec(ThreeDatasetBlend.SEQ_LEN,
                ThreeDatasetBlend.SEED, SAMPLES, DocumentSplit.train(FRACTION)));
        validation = BlendedSamples.open(folder, fixture.cache, new IndexSpec(ThreeDatasetBlend.SEQ_LEN,
                ThreeDatasetBlend.SEED, SAMPLES, DocumentSplit.validation(FRACTION)));
    }

    /** Store documents that the samples of dataset {@code d} read. */
    private static Set<Integer> documentsRead(BlendedSamples side, int d) {
        BlendIndex index = side.index();
        Set<Integer> docs = new HashSet<>();
        for (long i = 0; i < index.samples(); i++) {
            if (index.dataset(i) != d) {
                continue;
            }
            DatasetIndex di = index.datasetIndex(d);
            int j = di.shuffled(index.datasetSample(i));
            for (long p = di.startPosition(j); p <= di.startPosition(j + 1L); p++) {
                docs.add(di.document(p));
            }
        }
        return docs;
    }

    @Test
    void noDocumentIsOnBothSidesAndEachSideReadsAllOfItsDocuments() {
        int[] heldOut = {3, 1, 0};
        for (int d = 0; d < 3; d++) {
            int n = fixture.storeOrder.get(d).size();
            Set<Integer> t = documentsRead(train, d);
            Set<Integer> v = heldOut[d] == 0 ? Set.of() : documentsRead(validation, d);
            assertEquals(n - heldOut[d], t.size(), "dataset " + d + ": training reads every training document");
            assertEquals(heldOut[d], v.size(), "dataset " + d + ": validation reads every held-out document");
            Set<Integer> both = new HashSet<>(t);
            both.retainAll(v);
            assertTrue(both.isEmpty(), "dataset " + d + ": documents on both sides " + both);
        }
    }

    @Test
    void validationSamplesHoldOnlyHeldOutTokens() {
        // Every token id of a validation sample occurs in a held-out document (or is end-of-document).
        for (int d = 0; d < 2; d++) {
            Set<Integer> tokens = new HashSet<>();
            for (int doc : documentsRead(validation, d)) {
                for (int id : fixture.storeOrder.get(d).get(doc)) {
                    tokens.add(id);
                }
            }
            int[] sample = new int[ThreeDatasetBlend.SEQ_LEN + 1];
            for (long i = 0; i < 2000; i++) {
                if (validation.index().dataset(i) != d) {
                    continue;
                }
                validation.read(i, sample);
                for (int id : sample) {
                    assertTrue(id == ThreeDatasetBlend.END || tokens.contains(id), "sample " + i + " token " + id);
                }
            }
        }
    }

    @Test
    void aDatasetWithoutHeldOutDocumentsDropsOutAndTheOthersKeepTheirRatio() {
        var datasets = validation.index().summary().datasets();
        assertEquals(0.0, datasets.get("forum").weight());
        assertNull(validation.index().datasetIndex(2));
        assertEquals(0.5 / 0.8, datasets.get("web").weight(), 1e-12);
        assertEquals(0.3 / 0.8, datasets.get("books").weight(), 1e-12);
        var trainSets = train.index().summary().datasets();
        assertEquals(0.2, trainSets.get("forum").weight(), "training keeps the manifest's weights");
    }

    @Test
    void eachSideHasItsOwnCacheEntryAndAllDocumentsKeepTheirKey() {
        IndexSpec all = new IndexSpec(ThreeDatasetBlend.SEQ_LEN, ThreeDatasetBlend.SEED, SAMPLES);
        IndexSpec t = new IndexSpec(ThreeDatasetBlend.SEQ_LEN, ThreeDatasetBlend.SEED, SAMPLES,
                DocumentSplit.train(FRACTION));
        assertNotEquals(BlendIndex.key("b", all), BlendIndex.key("b", t));
        assertNotEquals(train.index().dir(), validation.index().dir());
        // The key of an unsplit index is what it was before splits existed.
        String before = Sha256.of(String.join("|", BlendIndex.FORMAT, "b", "16", "1234", "20000")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 24);
        assertEquals(before, BlendIndex.key("b", all));
    }
}
