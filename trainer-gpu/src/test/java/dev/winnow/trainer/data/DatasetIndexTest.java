package dev.winnow.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three per-dataset indices against a direct walk over the concatenated documents. */
class DatasetIndexTest {
    @TempDir
    Path tmp;

    /** Lengths held in an array (what a token store or generator provides). */
    record ArrayLengths(int[] lengths) implements DocumentLengths {
        @Override
        public int documents() {
            return lengths.length;
        }

        @Override
        public int length(int document) {
            return lengths[document];
        }
    }

    private static final ArrayLengths LENGTHS = new ArrayLengths(new int[]{3, 17, 1, 40, 8, 8, 25, 2, 60, 5, 11});

    private DatasetIndex build(DatasetPlan plan, int seqLen, long seed, String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        DatasetIndex.build(plan, LENGTHS, seqLen, new SplittableRandom(seed), dir);
        return DatasetIndex.open(dir);
    }

    @Test
    void documentsAppearOncePerEpochAndTheSeparateFinalEpochIsAPermutation() throws IOException {
        int seqLen = 16;
        long tpe = LENGTHS.tokensPerEpochWithEod(); // 180 + 11 = 191
        DatasetPlan plan = DatasetPlan.of(LENGTHS.documents(), tpe, 40, seqLen); // 641 tokens → 4 epochs; 5 samples of the last < 8
        assertEquals(4, plan.epochs());
        assertEquals(true, plan.separateFinalEpoch());
        DatasetIndex index = build(plan, seqLen, 7, "a");
        int n = LENGTHS.documents();
        // The final epoch, shuffled on its own: exactly the documents once each.
        int[] last = new int[n];
        for (int k = 0; k < n; k++) {
            last[k] = index.document((long) (plan.epochs() - 1) * n + k);
        }
        Arrays.sort(last);
        assertArrayEquals(java.util.stream.IntStream.range(0, n).toArray(), last);
        // All epochs together: each document once per epoch.
        int[] counts = new int[n];
        for (long p = 0; p < (long) plan.epochs() * n; p++) {
            counts[index.document(p)]++;
        }
        for (int c : counts) {
            assertEquals(plan.epochs(), c);
        }
    }

    @Test
    void samplesStartEverySeqLenTokensOfTheConcatenation() throws IOException {
        int seqLen = 9;
        DatasetPlan plan = DatasetPlan.of(LENGTHS.documents(), LENGTHS.tokensPerEpochWithEod(), 50, seqLen);
        DatasetIndex index = build(plan, seqLen, 11, "b");
        // Walk the concatenation token by token: (document-index position, offset), the EOD at offset = length.
        List<long[]> stream = new ArrayList<>();
        for (long p = 0; p < (long) plan.epochs() * LENGTHS.documents(); p++) {
            for (int o = 0; o <= LENGTHS.length(index.document(p)); o++) {
                stream.add(new long[]{p, o});
            }
        }
        for (long j = 0; j <= plan.indexedSamples(); j++) {
            long[] start = stream.get((int) (j * seqLen));
            assertEquals(start[0], index.startPosition(j), "sample " + j + " position");
            assertEquals(start[1], index.startOffset(j), "sample " + j + " offset");
        }
        // The last indexed sample ends inside the document index.
        assertEquals(true, plan.indexedSamples() * seqLen + 1 <= stream.size());
    }

    @Test
    void shuffleIndexIsAPermutationAndDependsOnTheSeed() throws IOException {
        int seqLen = 8;
        DatasetPlan plan = DatasetPlan.of(LENGTHS.documents(), LENGTHS.tokensPerEpochWithEod(), 30, seqLen);
        DatasetIndex a = build(plan, seqLen, 1, "c");
        DatasetIndex b = build(plan, seqLen, 2, "d");
        int[] order = new int[(int) plan.indexedSamples()];
        int[] other = new int[order.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = a.shuffled(j);
            other[j] = b.shuffled(j);
        }
        assertNotEquals(Arrays.toString(order), Arrays.toString(other));
        Arrays.sort(order);
        assertArrayEquals(java.util.stream.IntStream.range(0, order.length).toArray(), order);
    }

    @Test
    void withASeparateFinalEpochTheShuffleKeepsItsSamplesAtTheEnd() throws IOException {
        int seqLen = 16;
        DatasetPlan plan = DatasetPlan.of(LENGTHS.documents(), LENGTHS.tokensPerEpochWithEod(), 40, seqLen);
        assertEquals(true, plan.separateFinalEpoch());
        DatasetIndex index = build(plan, seqLen, 5, "e");
        // Draws 0 … 34 are the first three epochs' samples in some order; draws 35 … are the final epoch's.
        int first = (int) plan.samplesSansFinalEpoch();
        int[] head = new int[first];
        for (int k = 0; k < first; k++) {
            head[k] = index.shuffled(k);
        }
        Arrays.sort(head);
        assertArrayEquals(java.util.stream.IntStream.range(0, first).toArray(), head);
        for (long k = first; k < plan.indexedSamples(); k++) {
            assertTrue(index.shuffled(k) >= first, "draw " + k);
        }
    }
}
