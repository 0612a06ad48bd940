package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Shingles32Test {

    @Test
    void keepsTheHighHalvesInSignedOrderAndMergesEqualOnes() {
        long[] hashes = {Long.MIN_VALUE, -1L << 32, -1L, 5, (7L << 32) | 1, (7L << 32) | 9, Long.MAX_VALUE};
        assertArrayEquals(new int[] {Integer.MIN_VALUE, -1, 0, 7, Integer.MAX_VALUE}, Shingles32.of(hashes),
                "-1L << 32 and -1 share high half -1; 5 has 0; the two 7s merge");
        assertArrayEquals(new int[0], Shingles32.of(new long[0]));
    }

    @Test
    void rejectsHashesOutOfOrder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shingles32.of(new long[] {3L << 32, 1L << 32}));
        assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
    }

    /** Real shingle sets: the cut is sorted and distinct, and Jaccard moves by collisions only. */
    @Test
    void jaccardOfTheCutSetsMatchesTheFullOnesOnText() {
        Shingler shingler = new Shingler(ShingleUnit.WORD, 5);
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            String a = words(random, 50 + random.nextInt(800));
            String b = random.nextBoolean() ? edit(a, random) : words(random, 50 + random.nextInt(800));
            long[] la = shingler.shingles(a);
            long[] lb = shingler.shingles(b);
            int[] ia = Shingles32.of(la);
            int[] ib = Shingles32.of(lb);
            assertArrayEquals(Arrays.stream(ia).sorted().distinct().toArray(), ia);
            // Sets of a few hundred shingles: a collision in 2³² is practically never seen here.
            assertEquals(la.length, ia.length);
            assertEquals(Jaccard.of(la, lb), Jaccard.of(ia, ib), 1e-12);
        }
    }

    private static String words(SplittableRandom random, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append('w').append(random.nextInt(2000)).append(' ');
        }
        return s.toString();
    }

    private static String edit(String text, SplittableRandom random) {
        String[] w = text.split(" ");
        for (int i = 0; i < w.length / 10; i++) {
            w[random.nextInt(w.length)] = "x" + random.nextInt(100);
        }
        return String.join(" ", w);
    }
}
