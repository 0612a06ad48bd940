package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LshBandsTest {

    @Test
    void keyDependsOnTheBandIndex() {
        LshBands lsh = new LshBands(20, 13);
        long[] keys = lsh.keys(new long[260]); // every band holds the same values
        assertEquals(20, Arrays.stream(keys).distinct().count());
        assertEquals(keys[3], lsh.key(new long[260], 3));
    }

    @Test
    void identicalSignaturesShareAllKeysAndOneChangeMovesOneBand() {
        LshBands lsh = new LshBands(10, 5);
        long[] sig = new SplittableRandom(1).longs(50).toArray();
        assertArrayEquals(lsh.keys(sig), lsh.keys(sig.clone()));
        long[] changed = sig.clone();
        changed[17]++; // band 3 (rows 15..19)
        long[] a = lsh.keys(sig);
        long[] b = lsh.keys(changed);
        for (int band = 0; band < 10; band++) {
            if (band == 3) {
                assertNotEquals(a[band], b[band]);
            } else {
                assertEquals(a[band], b[band]);
            }
        }
        changed = sig.clone();
        long t = changed[15];
        changed[15] = changed[16];
        changed[16] = t;
        assertNotEquals(a[3], lsh.keys(changed)[3], "the order of values within a band matters");
    }

    /**
     * MinHash + banding on synthetic pairs of known Jaccard J: the share of pairs that share a band
     * key matches 1 − (1 − J^r)^b within 4.5 binomial standard errors (plus half a step).
     */
    @Test
    void candidateRateFollowsTheSCurve() {
        int bands = 10;
        int rows = 5;
        LshBands lsh = new LshBands(bands, rows);
        MinHasher minHasher = new MinHasher(lsh.numHashes(), 3);
        SplittableRandom random = new SplittableRandom(17);
        int trials = 1500;
        for (int percent : new int[]{30, 50, 60, 70, 80, 90}) {
            int hits = 0;
            for (int t = 0; t < trials; t++) {
                long[][] sets = SyntheticSets.pair(random, percent * 2, 200);
                long[] a = lsh.keys(minHasher.signature(sets[0]));
                long[] b = lsh.keys(minHasher.signature(sets[1]));
                boolean shared = false;
                for (int band = 0; band < bands; band++) {
                    shared |= a[band] == b[band];
                }
                hits += shared ? 1 : 0;
            }
            double p = lsh.candidateProbability(percent / 100.0);
            double tolerance = 4.5 * Math.sqrt(p * (1 - p) / trials) + 0.5 / trials;
            assertEquals(p, (double) hits / trials, tolerance, "J = 0." + percent);
        }
    }

    @Test
    void sCurveFormulaAndThreshold() {
        LshBands lsh = new LshBands(20, 13);
        assertEquals(260, lsh.numHashes());
        assertEquals(0.0, lsh.candidateProbability(0));
        assertEquals(1.0, lsh.candidateProbability(1));
        assertEquals(1 - Math.pow(1 - Math.pow(0.7, 13), 20), lsh.candidateProbability(0.7), 1e-15);
        assertEquals(Math.pow(1 / 20.0, 1 / 13.0), lsh.threshold(), 1e-15);
        assertEquals(0.7942, lsh.threshold(), 1e-4);
        for (double j = 0.1; j < 0.9; j += 0.01) { // beyond, a double cannot tell the values apart
            assertTrue(lsh.candidateProbability(j) < lsh.candidateProbability(j + 0.01));
        }
    }

    /** The threshold is near the steepest point of the S-curve (for rows of 5 or more, as documented). */
    @Test
    void thresholdIsNearTheSteepestPoint() {
        int[][] configs = {{20, 13}, {9, 13}, {14, 9}, {20, 5}, {50, 10}};
        for (int[] c : configs) {
            LshBands lsh = new LshBands(c[0], c[1]);
            double steepest = 0;
            double slope = 0;
            for (double j = 0.0005; j < 1; j += 0.0005) {
                double s = lsh.candidateProbability(j + 0.0005) - lsh.candidateProbability(j);
                if (s > slope) {
                    slope = s;
                    steepest = j;
                }
            }
            assertEquals(steepest, lsh.threshold(), 0.03, lsh.toString());
        }
    }

    @Test
    void rejectsBadShapesAndSignatures() {
        assertThrows(IllegalArgumentException.class, () -> new LshBands(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new LshBands(5, 0));
        assertThrows(IllegalArgumentException.class, () -> new LshBands(1000, 101));
        assertThrows(IllegalArgumentException.class, () -> new LshBands(65_536, 65_536));
        LshBands lsh = new LshBands(4, 3);
        assertThrows(IllegalArgumentException.class, () -> lsh.keys(new long[11]));
        assertThrows(IllegalArgumentException.class, () -> lsh.key(new long[13], 0));
        assertEquals("4 x 3", lsh.toString());
    }
}
