package dev.winnow.dedup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JaccardJoinTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.5, 0.7, 0.8, 0.9, 1.0})
    void equalsBruteForceOnCorporaWithPlantedClusters(double t) {
        for (long seed = 1; seed <= 4; seed++) {
            List<long[]> sets = corpus(new SplittableRandom(seed * 31 + (long) (t * 100)), 400, seed % 2 == 0);
            SimilarPairs expected = bruteForce(sets, t);
            assertTrue(expected.size() > (t == 1.0 ? 3 : 30), "the corpus has pairs at " + t + ": " + expected.size());
            assertSame(expected, JaccardJoin.selfJoin(sets, t), "t=" + t + " seed=" + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8})
    void manyCountingRangesAndThreadsGiveTheSamePairs(double t) {
        List<long[]> sets = corpus(new SplittableRandom(7), 500, false);
        SimilarPairs expected = bruteForce(sets, t);
        assertSame(expected, JaccardJoin.selfJoin(sets, t, 1, 64), "64 tokens per range");
        assertSame(expected, JaccardJoin.selfJoin(sets, t, 3, 1000), "3 threads");
        assertSame(expected, JaccardJoin.selfJoin(sets, t, 4), "4 threads");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.4, 0.85, 1.0})
    void exactCopiesAmongNearCopiesEqualBruteForce(double t) {
        SplittableRandom random = new SplittableRandom(11);
        List<long[]> sets = corpus(random, 300, false);
        for (int k = 0; k < 150; k++) {
            long[] original = sets.get(random.nextInt(sets.size()));
            sets.add(random.nextBoolean() ? original : original.clone()); // shared or equal arrays
        }
        Collections.shuffle(sets, new java.util.Random(5));
        SimilarPairs expected = bruteForce(sets, t);
        assertSame(expected, JaccardJoin.selfJoin(sets, t), "one thread");
        assertSame(expected, JaccardJoin.selfJoin(sets, t, 2, 500), "two threads, many ranges");
    }

    /** Similarities exactly at the threshold (7/10 at 0.7, 1/3 at 1/3...) are kept, as by Jaccard.of. */
    @Test
    void keepsPairsExactlyAtTheThreshold() {
        int[][] fractions = {{7, 10}, {1, 3}, {2, 3}, {3, 10}, {9, 10}, {4, 5}, {29, 100}, {57, 100}, {1, 7}};
        for (int[] f : fractions) {
            double t = (double) f[0] / f[1];
            List<long[]> sets = new ArrayList<>();
            for (int scale = 1; scale <= 4; scale++) {
                int common = f[0] * scale;
                int union = f[1] * scale;
                int onlyA = (union - common) / 2;
                sets.add(range(1000L * scale, common + onlyA));
                sets.add(range(1000L * scale + onlyA, common + (union - common - onlyA)));
            }
            SimilarPairs pairs = JaccardJoin.selfJoin(sets, t);
            assertSame(bruteForce(sets, t), pairs, f[0] + "/" + f[1]);
            assertTrue(pairs.size() >= 4, f[0] + "/" + f[1] + " keeps its 4 planted pairs");
        }
    }

    @Test
    void aClusterOfIdenticalSetsGivesAllItsPairs() {
        List<long[]> sets = new ArrayList<>();
        long[] licence = hashes(new SplittableRandom(3), 300);
        for (int i = 0; i < 1000; i++) {
            sets.add(licence);
        }
        sets.add(hashes(new SplittableRandom(4), 300));
        SimilarPairs pairs = JaccardJoin.selfJoin(sets, 0.8, 2);
        assertEquals(1000 * 999 / 2, pairs.size());
        assertEquals(SimilarPairs.pack(0, 1), pairs.pair(0));
        assertEquals(SimilarPairs.pack(998, 999), pairs.pair(pairs.size() - 1));
        assertEquals(300, pairs.overlap(12345));
        assertEquals(1.0, pairs.similarity(12345));
    }

    @Test
    void thresholdOneKeepsOnlyIdenticalSets() {
        List<long[]> sets = List.of(range(0, 50), range(0, 50), range(0, 51), range(1, 50), range(0, 50), new long[]{7});
        SimilarPairs pairs = JaccardJoin.selfJoin(sets, 1.0);
        assertArrayEquals(new long[]{SimilarPairs.pack(0, 1), SimilarPairs.pack(0, 4), SimilarPairs.pack(1, 4)},
                pairs.toPackedArray());
    }

    @Test
    void emptySetsAndTinyInputsHaveNoPairs() {
        assertEquals(0, JaccardJoin.selfJoin(List.of(), 0.5).size());
        assertEquals(0, JaccardJoin.selfJoin(List.<long[]>of(range(0, 10)), 0.5).size());
        // Jaccard.of calls two empty sets identical, but empty documents are not duplicates.
        List<long[]> sets = List.of(new long[0], new long[0], range(0, 3), new long[0], range(0, 3));
        assertArrayEquals(new long[]{SimilarPairs.pack(2, 4)}, JaccardJoin.selfJoin(sets, 0.1).toPackedArray());
        assertEquals(0, JaccardJoin.selfJoin(List.of(new long[]{1}, new long[]{2}), 0.01).size());
    }

    @Test
    void extremeTokenValuesAreOrdinaryTokens() {
        long[] a = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};
        long[] b = {Long.MIN_VALUE, 0, Long.MAX_VALUE};
        SimilarPairs pairs = JaccardJoin.selfJoin(List.of(a, b, a), 0.6, 1, 1);
        assertArrayEquals(new long[]{SimilarPairs.pack(0, 1), SimilarPairs.pack(0, 2), SimilarPairs.pack(1, 2)},
                pairs.toPackedArray());
        assertEquals(0.6, pairs.similarity(0));
    }

    @Test
    void rejectsBadArguments() {
        List<long[]> sets = List.of(range(0, 3));
        assertThrows(IllegalArgumentException.class, () -> JaccardJoin.selfJoin(sets, 0));
        assertThrows(IllegalArgumentException.class, () -> JaccardJoin.selfJoin(sets, 1.01));
        assertThrows(IllegalArgumentException.class, () -> JaccardJoin.selfJoin(sets, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JaccardJoin.selfJoin(sets, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> JaccardJoin.selfJoin(List.of(new long[]{1, 3, 2}), 0.5));
        assertThrows(IllegalArgumentException.class, () -> JaccardJoin.selfJoin(List.of(new long[]{1, 1}), 0.5));
    }

    private static void assertSame(SimilarPairs expected, SimilarPairs actual, String what) {
        assertArrayEquals(expected.toPackedArray(), actual.toPackedArray(), what);
        for (int k = 0; k < actual.size(); k++) {
            assertEquals(expected.overlap(k), actual.overlap(k), what);
            assertEquals(expected.similarity(k), actual.similarity(k), what);
        }
    }

    /** Every pair by Jaccard.of, sorted by (i, j). */
    static SimilarPairs bruteForce(List<long[]> sets, double t) {
        List<long[]> found = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            for (int j = i + 1; j < sets.size(); j++) {
                long[] a = sets.get(i);
                long[] b = sets.get(j);
                if (a.length > 0 && b.length > 0 && Jaccard.of(a, b) >= t) {
                    found.add(new long[]{SimilarPairs.pack(i, j), Jaccard.intersection(a, b)});
                }
            }
        }
        long[] pairs = new long[found.size()];
        int[] overlaps = new int[found.size()];
        for (int k = 0; k < found.size(); k++) {
            pairs[k] = found.get(k)[0];
            overlaps[k] = (int) found.get(k)[1];
        }
        int[] sizes = sets.stream().mapToInt(s -> s.length).toArray();
        return new SimilarPairs(pairs, overlaps, sizes);
    }

    /**
     * Random sets and edited copies of them (tokens dropped and added at random rates), so that
     * similarities spread over the whole range; a few empty sets. Small values make many tokens
     * shared by chance; hashed values are spread like shingle hashes.
     */
    static List<long[]> corpus(SplittableRandom random, int docs, boolean smallValues) {
        List<long[]> sets = new ArrayList<>();
        int universe = smallValues ? 3000 : 200_000;
        while (sets.size() < docs) {
            double roll = random.nextDouble();
            if (roll < 0.02) {
                sets.add(new long[0]);
            } else if (roll < 0.35 || sets.isEmpty()) {
                TreeSet<Long> s = new TreeSet<>();
                int size = 1 + random.nextInt(random.nextBoolean() ? 10 : 150);
                while (s.size() < size) {
                    s.add(token(random.nextInt(universe), smallValues));
                }
                sets.add(toArray(s));
            } else {
                long[] base = sets.get(random.nextInt(sets.size()));
                double drop = random.nextDouble() * random.nextDouble() * 0.5;
                TreeSet<Long> s = new TreeSet<>();
                for (long v : base) {
                    if (random.nextDouble() >= drop) {
                        s.add(v);
                    }
                }
                int add = (int) (base.length * drop * random.nextDouble() * 2);
                for (int k = 0; k < add; k++) {
                    s.add(token(random.nextInt(universe), smallValues));
                }
                sets.add(toArray(s));
            }
        }
        Collections.shuffle(sets, new java.util.Random(random.nextLong()));
        return sets;
    }

    private static long token(int k, boolean small) {
        return small ? k - 1500 : Hashing.mix(k);
    }

    private static long[] toArray(TreeSet<Long> s) {
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] range(long from, int count) {
        long[] r = new long[count];
        for (int i = 0; i < count; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static long[] hashes(SplittableRandom random, int count) {
        long[] r = random.longs(count).toArray();
        Arrays.sort(r);
        return r;
    }
}
