package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MinHasherTest {

    @Test
    void signatureHasOneValuePerHashAndNoneForAnEmptySet() {
        MinHasher m = new MinHasher(260, 42);
        assertEquals(260, m.numHashes());
        assertEquals(260, m.signature(new long[]{1, 2, 3}).length);
        assertNull(m.signature(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new MinHasher(0, 1));
    }

    /** Value i is a minimum over the set, so the signature of a union is the element-wise minimum. */
    @Test
    void signatureOfAUnionIsTheElementWiseMinimum() {
        SplittableRandom random = new SplittableRandom(2);
        MinHasher m = new MinHasher(64, 7);
        long[] a = sorted(random.longs(40).toArray());
        long[] b = sorted(random.longs(25).toArray());
        long[] union = sorted(java.util.stream.LongStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray());
        long[] sa = m.signature(a);
        long[] sb = m.signature(b);
        long[] su = m.signature(union);
        for (int i = 0; i < 64; i++) {
            assertEquals(Math.min(sa[i], sb[i]), su[i]);
        }
        assertArrayEquals(sa, m.signature(sorted(concat(a, a[3]))), "a repeated shingle changes nothing");
    }

    @Test
    void sameSeedSameSignatureDifferentSeedDifferent() {
        long[] shingles = new Shingler(ShingleUnit.WORD, 5).shingles(
                "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness");
        long[] one = new MinHasher(128, 42).signature(shingles);
        assertArrayEquals(one, new MinHasher(128, 42).signature(shingles));
        long[] other = new MinHasher(128, 43).signature(shingles);
        assertTrue(MinHasher.estimate(one, other) < 0.05, "unrelated permutations agree almost nowhere");
        assertFalse(Arrays.equals(new MinHasher(128, 42).signature(new long[]{5}), new MinHasher(128, 42).signature(new long[]{6})));
    }

    /**
     * Over many pairs of known Jaccard J, each estimate is a share of k positions that agree with
     * probability J each: Binomial(k, J) / k, standard error sqrt(J(1 − J)/k). Checks each pair
     * within 5 standard errors (plus half a step of continuity), the mean error within 4 standard
     * errors of the mean (a biased hash family fails this), and the spread of the z-scores
     * (correlated positions would widen it).
     */
    @Test
    void estimatesAreUnbiasedWithBinomialSpread() {
        int k = 260;
        MinHasher m = new MinHasher(k, 42);
        SplittableRandom random = new SplittableRandom(11);
        int pairs = 300;
        double sumError = 0;
        double sumVariance = 0;
        double sumZ2 = 0;
        for (int p = 0; p < pairs; p++) {
            int union = 100 + random.nextInt(900);
            int common = (int) (union * (0.15 + 0.8 * random.nextDouble()));
            double j = (double) common / union;
            long[][] sets = SyntheticSets.pair(random, common, union);
            assertEquals(j, Jaccard.of(sets[0], sets[1]));
            double estimate = MinHasher.estimate(m.signature(sets[0]), m.signature(sets[1]));
            double variance = j * (1 - j) / k;
            double se = Math.sqrt(variance);
            assertEquals(j, estimate, 5 * se + 0.5 / k, "pair " + p + " of J " + j);
            sumError += estimate - j;
            sumVariance += variance;
            sumZ2 += (estimate - j) * (estimate - j) / variance;
        }
        double meanError = sumError / pairs;
        double meanSe = Math.sqrt(sumVariance) / pairs;
        assertTrue(Math.abs(meanError) <= 4 * meanSe, "mean error " + meanError + " vs standard error " + meanSe);
        // Σz² ~ χ²(pairs): mean pairs, sd sqrt(2 pairs).
        assertTrue(Math.abs(sumZ2 - pairs) <= 5 * Math.sqrt(2.0 * pairs), "Σz² = " + sumZ2 + " over " + pairs + " pairs");
    }

    /** Every hash count (whole vectors, pairs of vectors, a scalar tail) and extreme shingles. */
    @Test
    void theVectorLoopGivesTheScalarLoopsSignatures() {
        assumeTrue(MinHasher.vectorModuleLoaded(), "run without --add-modules=jdk.incubator.vector");
        SplittableRandom random = new SplittableRandom(3);
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1};
        for (int hashes : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 140, 260, 263}) {
            MinHasher m = new MinHasher(hashes, hashes * 7L);
            for (int size : new int[] {1, 2, 5, 615}) {
                long[] shingles = random.longs(size).toArray();
                assertArrayEquals(m.signature(shingles, false), m.signature(shingles, true), hashes + " hashes, " + size + " shingles");
            }
            assertArrayEquals(m.signature(extremes, false), m.signature(extremes, true), hashes + " hashes, extremes");
        }
    }

    /** The loop's reason follows from this JVM: the module, the property, then the vector width. */
    @Test
    void loopKindSaysWhy() {
        MinHasher.Loop kind = MinHasher.loopKind();
        assertEquals(kind == MinHasher.Loop.VECTOR, MinHasher.loop().startsWith("vector"), MinHasher.loop());
        if (!Boolean.parseBoolean(System.getProperty("winnow.minhash.vector", "true"))) {
            assertEquals(MinHasher.Loop.SCALAR_TURNED_OFF, kind);
        } else if (!MinHasher.vectorModuleLoaded()) {
            assertEquals(MinHasher.Loop.SCALAR_NO_MODULE, kind);
        } else {
            assertEquals(VectorMinHash.pays() ? MinHasher.Loop.VECTOR : MinHasher.Loop.SCALAR_NARROW_VECTORS, kind);
        }
    }

    @Test
    void estimateCountsEqualPositions() {
        assertEquals(0.5, MinHasher.estimate(new long[]{1, 2, 3, 4}, new long[]{1, 0, 3, 0}));
        assertEquals(1.0, MinHasher.estimate(new long[]{9}, new long[]{9}));
        assertThrows(IllegalArgumentException.class, () -> MinHasher.estimate(new long[2], new long[3]));
    }

    private static long[] sorted(long[] a) {
        Arrays.sort(a);
        return a;
    }

    private static long[] concat(long[] a, long v) {
        long[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = v;
        return r;
    }
}
