package dev.winnow.trainer.data;

import java.util.SplittableRandom;

/** Fisher–Yates over a range of a memory-mapped int array (deterministic for a given generator state). */
final class Shuffle {
    private Shuffle() {
    }

    static void ints(MappedFile a, long from, long to, SplittableRandom rng) {
        for (long i = to - from - 1; i > 0; i--) {
            long j = rng.nextLong(i + 1);
            int x = a.getInt(from + i);
            a.putInt(from + i, a.getInt(from + j));
            a.putInt(from + j, x);
        }
    }
}
