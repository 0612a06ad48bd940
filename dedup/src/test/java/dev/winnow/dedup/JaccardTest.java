package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JaccardTest {

    @Test
    void examples() {
        assertEquals(1.0, Jaccard.of(new long[0], new long[0]), "two empty sets are identical");
        assertEquals(0.0, Jaccard.of(new long[0], new long[]{1}));
        assertEquals(0.0, Jaccard.of(new long[]{1, 2}, new long[]{3, 4}));
        assertEquals(1.0, Jaccard.of(new long[]{-5, 2, 9}, new long[]{-5, 2, 9}));
        assertEquals(0.5, Jaccard.of(new long[]{1, 2, 3}, new long[]{2, 3, 4}));
        assertEquals(0.25, Jaccard.of(new long[]{Long.MIN_VALUE, 0}, new long[]{Long.MIN_VALUE, 1, 2}));
        assertEquals(2, Jaccard.intersection(new long[]{1, 3, 5, 7}, new long[]{0, 3, 4, 7, 8}));
    }

    @Test
    void agreesWithHashSetsOnRandomSets() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 500; trial++) {
            long[] a = randomSet(random);
            long[] b = randomSet(random);
            Set<Long> inter = toSet(a);
            inter.retainAll(toSet(b));
            Set<Long> union = toSet(a);
            union.addAll(toSet(b));
            assertEquals(inter.size(), Jaccard.intersection(a, b));
            double expected = union.isEmpty() ? 1.0 : (double) inter.size() / union.size();
            assertEquals(expected, Jaccard.of(a, b));
            assertEquals(Jaccard.of(a, b), Jaccard.of(b, a));
        }
    }

    /** Large sets of every overlap and shape, and the extremes of the long range. */
    @Test
    void largeSetsOfAnyOverlapAndSkew() {
        SplittableRandom random = new SplittableRandom(10);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 60 + random.nextInt(trial % 10 == 0 ? 3000 : 200);
            int m = random.nextInt(4) == 0 ? random.nextInt(8) : 60 + random.nextInt(400);
            long range = random.nextBoolean() ? 2L * (n + m) : Long.MAX_VALUE;
            long shift = random.nextInt(3) == 0 ? range / 2 : 0; // b mostly above a's values, sometimes
            long[] a = random.longs(n, -range / 2, range / 2).distinct().sorted().toArray();
            long[] b = random.longs(m, shift - range / 2, range / 2).distinct().sorted().toArray();
            if (random.nextInt(5) == 0) {
                b = concatSorted(b, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
                a = concatSorted(a, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
            }
            Set<Long> inter = toSet(a);
            inter.retainAll(toSet(b));
            assertEquals(inter.size(), Jaccard.intersection(a, b), n + " x " + m);
            assertEquals(inter.size(), Jaccard.intersection(b, a), m + " x " + n);
        }
    }

    /** The 32-bit merge counts as the 64-bit one does, the int range's extremes included. */
    @Test
    void intSetsAgreeWithTheLongPath() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 2000; trial++) {
            int n = random.nextInt(trial % 10 == 0 ? 2000 : 100);
            int m = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(400);
            boolean dense = random.nextBoolean();
            int[] a = ints(random, n, dense);
            int[] b = ints(random, m, dense);
            long[] la = Arrays.stream(a).asLongStream().toArray();
            long[] lb = Arrays.stream(b).asLongStream().toArray();
            assertEquals(Jaccard.intersection(la, lb), Jaccard.intersection(a, b), n + " x " + m);
            assertEquals(Jaccard.of(la, lb), Jaccard.of(a, b));
            assertEquals(Jaccard.of(a, b), Jaccard.of(b, a));
        }
        assertEquals(1.0, Jaccard.of(new int[0], new int[0]), "two empty sets are identical");
    }

    private static int[] ints(SplittableRandom random, int n, boolean dense) {
        int[] values = dense ? random.ints(n, -n - 1, n + 1).toArray() : random.ints(n).toArray();
        if (random.nextInt(5) == 0) {
            values = Arrays.copyOf(values, n + 2);
            values[n] = Integer.MIN_VALUE;
            values[n + 1] = Integer.MAX_VALUE;
        }
        return Arrays.stream(values).distinct().sorted().toArray();
    }

    private static long[] concatSorted(long[] a, long[] extra) {
        long[] out = Arrays.copyOf(a, a.length + extra.length);
        System.arraycopy(extra, 0, out, a.length, extra.length);
        return Arrays.stream(out).distinct().sorted().toArray();
    }

    private static long[] randomSet(SplittableRandom random) {
        return random.longs(random.nextInt(30), -20, 20).distinct().sorted().toArray();
    }

    private static Set<Long> toSet(long[] a) {
        return new HashSet<>(Arrays.stream(a).boxed().toList());
    }
}
