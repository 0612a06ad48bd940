package dev.winnow.dedup.bench;

import dev.winnow.dedup.Jaccard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Verification's inner loop: |a ∩ b| of two sorted shingle-hash sets of 615 (the generated
 * corpus's mean), at a near-duplicate's overlap (J 0.8) and a false candidate's (J 0.3), over 256
 * pairs in turn: {@link Jaccard#intersection} against the branching merge it replaced.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JaccardBenchmark {
    @Param({"0.8", "0.3"})
    public double jaccard;

    private long[][] left;
    private long[][] right;
    private int next;

    @Setup
    public void sets() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 615;
        left = new long[256][];
        right = new long[256][];
        // |a ∩ b| = c and |a| = |b| = n give J = c / (2n - c): c = 2nJ / (1 + J).
        int common = (int) Math.round(2 * n * jaccard / (1 + jaccard));
        for (int p = 0; p < left.length; p++) {
            long[] shared = random.longs(common).toArray();
            left[p] = sorted(shared, random.longs(n - common).toArray());
            right[p] = sorted(shared, random.longs(n - common).toArray());
        }
    }

    private static long[] sorted(long[] shared, long[] own) {
        long[] s = Arrays.copyOf(shared, shared.length + own.length);
        System.arraycopy(own, 0, s, shared.length, own.length);
        Arrays.sort(s);
        return s;
    }

    @Benchmark
    public int intersection() {
        int p = next++ & 255;
        return Jaccard.intersection(left[p], right[p]);
    }

    /** The merge with a branch per step (before): about every other one mispredicted on random hashes. */
    @Benchmark
    public int intersectionBranching() {
        int p = next++ & 255;
        long[] a = left[p];
        long[] b = right[p];
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }
}
