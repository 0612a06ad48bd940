package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** HashSort gives Arrays.sort's order with duplicates dropped, for hashes and for any other longs. */
class HashSortTest {
    private static long[] reference(long[] values) {
        return Arrays.stream(values).sorted().distinct().toArray();
    }

    private static void check(HashSort sort, long[] values, String what) {
        long[] expected = reference(values);
        assertArrayEquals(expected, sort.sortedDistinct(values.clone(), values.length), what + ", " + values.length);
        // Only the first n count: a longer buffer with leftovers from an earlier document.
        long[] padded = Arrays.copyOf(values, values.length + 7);
        Arrays.fill(padded, values.length, padded.length, 42L);
        assertArrayEquals(expected, sort.sortedDistinct(padded, values.length), what + " in a longer buffer");
    }

    @Test
    void uniformHashesOfEverySize() {
        SplittableRandom random = new SplittableRandom(1);
        HashSort sort = new HashSort();
        for (int n : new int[] {0, 1, 2, 63, 64, 65, 100, 615, 1000, 1024, 1025, 4096, 100_000}) {
            check(sort, random.longs(n).toArray(), "uniform");
        }
    }

    @Test
    void valuesThatAreNotUniformStillSort() {
        SplittableRandom random = new SplittableRandom(2);
        HashSort sort = new HashSort();
        java.util.Map<String, IntFunction<long[]>> shapes = new java.util.LinkedHashMap<>();
        shapes.put("all equal", n -> new long[n]);
        shapes.put("few values repeated (repeated text)", n -> random.longs(n, 0, 5).map(v -> v * 0x9E3779B97F4A7C15L).toArray());
        shapes.put("small numbers, one bucket", n -> random.longs(n, -1000, 1000).toArray());
        shapes.put("ascending", n -> java.util.stream.LongStream.range(0, n).map(v -> v << 40).toArray());
        shapes.put("descending", n -> java.util.stream.LongStream.range(0, n).map(v -> -v << 40).toArray());
        shapes.put("extremes and zero", n -> random.longs(n, 0, 3).map(v -> v == 0 ? Long.MIN_VALUE : v == 1 ? Long.MAX_VALUE : 0).toArray());
        shapes.put("two clusters", n -> random.longs(n).map(v -> (v & 1) == 0 ? v >>> 50 : -(v >>> 50)).toArray());
        for (var shape : shapes.entrySet()) {
            for (int n : new int[] {1, 64, 65, 700, 5_000, 50_000}) {
                check(sort, shape.getValue().apply(n), shape.getKey());
            }
        }
    }

    @Test
    void oneSorterServesManyDocuments() {
        SplittableRandom random = new SplittableRandom(3);
        HashSort sort = new HashSort();
        for (int doc = 0; doc < 300; doc++) {
            int n = random.nextInt(3_000);
            long[] values = random.longs(n).toArray();
            for (int i = 0; i < n / 10; i++) {
                values[random.nextInt(n)] = values[random.nextInt(n)]; // repeated shingles
            }
            check(sort, values, "document " + doc);
        }
    }
}
