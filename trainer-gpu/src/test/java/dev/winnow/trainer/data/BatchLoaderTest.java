package dev.winnow.trainer.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data-parallel slicing, resumption and loss masks over {@link ThreeDatasetBlend}. */
class BatchLoaderTest {
    static final int MICRO = 2;
    /** Ramps 16 → 64 by 16 over 3,000 samples: small enough to cross it in a test, multiples of 2 × 8. */
    static final BatchSchedule RAMP = new BatchSchedule(16, 16, 3_000, 64);
    static final long FIRST = 100_000;

    @TempDir
    static Path tmp;
    static BlendedSamples blend;

    @BeforeAll
    static void writeAndOpen() throws IOException {
        blend = new ThreeDatasetBlend(tmp).blend;
    }

    static DataParallelSampler sampler(int rank, int ranks, long total) {
        return new DataParallelSampler(RAMP, MICRO, rank, ranks, total);
    }

    /** The dp = ranks sequence over the first {@code total} samples, reassembled round by round. */
    static List<int[]> interleaved(int ranks, long total) {
        List<List<StepBatch>> perRank = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            List<StepBatch> steps = new ArrayList<>();
            try (BatchLoader loader = new BatchLoader(blend, sampler(r, ranks, total), 0, false, 4)) {
                loader.forEachRemaining(steps::add);
            }
            perRank.add(steps);
        }
        List<int[]> sequence = new ArrayList<>();
        for (int step = 0; step < perRank.get(0).size(); step++) {
            for (int m = 0; m < perRank.get(0).get(step).microBatches().size(); m++) {
                for (int r = 0; r < ranks; r++) {
                    sequence.addAll(Arrays.asList(perRank.get(r).get(step).microBatches().get(m).tokens()));
                }
            }
        }
        return sequence;
    }

    @Test
    void unionOfRanksIsTheOneRankSequenceForDp1248() {
        List<int[]> one = interleaved(1, FIRST);
        int[] t = new int[ThreeDatasetBlend.SEQ_LEN + 1];
        for (int i = 0; i < 1000; i++) { // dp = 1 is the blend in order
            blend.read(i, t);
            assertArrayEquals(t, one.get(i));
        }
        for (int ranks : new int[]{2, 4, 8}) {
            List<int[]> many = interleaved(ranks, FIRST);
            assertEquals(one.size(), many.size(), "dp " + ranks);
            for (int i = 0; i < one.size(); i++) {
                assertArrayEquals(one.get(i), many.get(i), "dp " + ranks + " sample " + i);
            }
        }
        assertTrue(one.size() > FIRST - 64, one.size() + " samples: only the last incomplete global batch is dropped");
    }

    @Test
    void resumingAtAnyStepReproducesTheUninterruptedRun() {
        long total = 20_000;
        List<StepBatch> full = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(blend, sampler(3, 4, total), 0, true, 2)) {
            loader.forEachRemaining(full::add);
        }
        for (int k : new int[]{1, 7, 20, 63, full.size() - 1}) { // in the ramp, after it, the last step
            List<StepBatch> resumed = new ArrayList<>();
            try (BatchLoader loader = new BatchLoader(blend, sampler(3, 4, total), full.get(k - 1).consumedAfter(),
                    true, 2)) {
                loader.forEachRemaining(resumed::add);
            }
            assertEquals(full.size() - k, resumed.size());
            for (int s = 0; s < resumed.size(); s++) {
                StepBatch a = full.get(k + s);
                StepBatch b = resumed.get(s);
                assertEquals(a.consumedSamples(), b.consumedSamples());
                for (int m = 0; m < a.microBatches().size(); m++) {
                    assertArrayEquals(a.microBatches().get(m).samples(), b.microBatches().get(m).samples());
                    assertArrayEquals(a.microBatches().get(m).tokens(), b.microBatches().get(m).tokens());
                }
            }
        }
    }

    @Test
    void lossMaskZeroesThePredictionOfTheTokenAfterAnEndOfDocument() {
        int masked = 0;
        try (BatchLoader loader = new BatchLoader(blend, sampler(0, 1, 2_000), 0, true, 2)) {
            while (loader.hasNext()) {
                for (MicroBatch mb : loader.next().microBatches()) {
                    for (int b = 0; b < mb.tokens().length; b++) {
                        for (int t = 0; t < ThreeDatasetBlend.SEQ_LEN; t++) {
                            boolean eod = mb.tokens()[b][t] == ThreeDatasetBlend.END;
                            assertEquals(eod ? 0f : 1f, mb.lossMask()[b][t]);
                            masked += eod ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertTrue(masked > 100, masked + " masked positions: the forum dataset's documents are short");
    }

    @Test
    void aReaderFailureReachesTheTrainer() {
        // More samples asked for than the index holds: the reader thread fails, next() says why.
        DataParallelSampler tooMany = sampler(0, 1, ThreeDatasetBlend.SAMPLES + 1000);
        try (BatchLoader loader = new BatchLoader(blend, tooMany, ThreeDatasetBlend.SAMPLES - 64, false, 2)) {
            loader.next();
            IllegalStateException e = assertThrows(IllegalStateException.class, loader::next);
            assertEquals("the batch reader failed: sample 1000000 of 1000000", e.getMessage());
        }
    }

    @Test
    void resumingAtAConsumedCountOffTheStepGridContinuesFromThatSample() {
        long consumed = 12_345; // not a step boundary of any run above; past the ramp, so the global batch is 64
        long[] union = new long[64];
        int k = 0;
        for (int round = 0; round < 64 / (MICRO * 4); round++) {
            for (int r = 0; r < 4; r++) {
                for (long id : sampler(r, 4, 1_000_000).step(consumed).microBatches()[round]) {
                    union[k++] = id;
                }
            }
        }
        assertArrayEquals(java.util.stream.LongStream.range(consumed, consumed + 64).toArray(), union);
    }

    @Test
    void microBatchesAreTheRanksSlicesOfEachRound() {
        DataParallelSampler.Step s = sampler(1, 4, 1_000).step(0); // global 16 = 2 rounds of 2 × 4
        assertEquals(2, s.microBatches().length);
        assertArrayEquals(new long[]{2, 3}, s.microBatches()[0]);
        assertArrayEquals(new long[]{10, 11}, s.microBatches()[1]);
        assertFalse(sampler(0, 1, 10).step(0) != null, "a global batch of 16 does not fit in 10 samples");
    }
}
