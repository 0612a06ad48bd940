package dev.winnow.dedup;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Pairs of random shingle sets (uniform 64-bit values, like Shingler's) of an exact Jaccard similarity. */
final class SyntheticSets {
    private SyntheticSets() {
    }

    /** Two sets sharing {@code common} values, with {@code union} distinct values between them. */
    static long[][] pair(SplittableRandom random, int common, int union) {
        long[] values = random.longs(union).distinct().toArray();
        while (values.length < union) { // a repeat among 64-bit values: draw again
            values = random.longs(union).distinct().toArray();
        }
        int onlyA = (union - common) / 2;
        long[] a = Arrays.copyOfRange(values, 0, common + onlyA);
        long[] b = Arrays.copyOfRange(values, onlyA, union);
        Arrays.sort(a);
        Arrays.sort(b);
        return new long[][]{a, b};
    }
}
