package dev.winnow.jobs.bench;

import dev.winnow.dedup.Jaccard;
import dev.winnow.dedup.JaccardJoin;
import dev.winnow.dedup.PairMetrics;
import dev.winnow.dedup.SimilarPairs;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The true duplicate pairs of a benchmark: every pair of shingle sets with exact Jaccard
 * similarity ≥ threshold, by {@link JaccardJoin} (exact, prefix-filtered), or by brute force
 * over the pairs whose sizes allow it (|small| ≥ t·|large|), to check it. Empty sets have no pairs.
 */
final class ExactTruth {
    private ExactTruth() {
    }

    /** A pair set (PairMetrics keys over the list's indices), by JaccardJoin on every core. */
    static long[] pairs(List<long[]> sets, double threshold) {
        SimilarPairs found = JaccardJoin.selfJoin(sets, threshold, Runtime.getRuntime().availableProcessors());
        long[] keys = new long[found.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = PairMetrics.key(found.first(k), found.second(k));
        }
        return PairMetrics.pairSet(keys, keys.length);
    }

    /** The same pairs by brute force: fine up to some 20,000 documents. */
    static long[] bruteForce(List<long[]> sets, double threshold) {
        Integer[] bySize = IntStream.range(0, sets.size()).filter(i -> sets.get(i).length > 0).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(bySize, Comparator.comparingInt((Integer i) -> sets.get(i).length).thenComparingInt(i -> i));
        long[][] found = new long[bySize.length][];
        IntStream.range(0, bySize.length).parallel().forEach(x -> {
            long[] a = sets.get(bySize[x]);
            long[] keys = new long[8];
            int n = 0;
            for (int y = x + 1; y < bySize.length; y++) {
                long[] b = sets.get(bySize[y]);
                if (a.length < threshold * b.length) {
                    break; // sorted by size: every later set is larger still
                }
                // J ≥ t  ⇔  |a ∩ b| ≥ t / (1 + t) · (|a| + |b|)
                int common = Jaccard.intersection(a, b);
                if (common >= threshold / (1 + threshold) * (a.length + b.length) - 1e-9
                        && (double) common / (a.length + b.length - common) >= threshold) {
                    if (n == keys.length) {
                        keys = Arrays.copyOf(keys, n * 2);
                    }
                    keys[n++] = PairMetrics.key(bySize[x], bySize[y]);
                }
            }
            found[x] = Arrays.copyOf(keys, n);
        });
        int total = 0;
        for (long[] f : found) {
            total += f.length;
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] f : found) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return PairMetrics.pairSet(all, all.length);
    }
}
