package dev.winnow.dedup;

import java.util.Arrays;

/**
 * A shingle set cut to the high 32 bits of each 64-bit hash, for fuzzy dedup's verification: its
 * sets travel through two shuffles (once per document, then once per candidate edge), and half
 * the bytes is half of that traffic. The cost is collisions: two different shingles of a pair
 * share their high 32 bits with probability about |A|·|B| / 2³², 10⁻⁴ for two 700-shingle
 * documents, and then the pair's Jaccard moves by one shingle in its union (0.07% there), which
 * changes a verdict only for a pair that close to the threshold.
 */
public final class Shingles32 {
    private Shingles32() {
    }

    /**
     * The high halves of sorted, distinct hashes, sorted (signed) and distinct: the signed order of
     * {@code v >> 32} is that of {@code v}, so the cut needs no sort, only the merging of equal
     * neighbours.
     */
    public static int[] of(long[] sortedDistinct) {
        int[] out = new int[sortedDistinct.length];
        int n = 0;
        for (long v : sortedDistinct) {
            int high = (int) (v >> 32);
            if (n > 0 && high < out[n - 1]) {
                throw new IllegalArgumentException("hashes are not sorted: " + v + " after a larger one");
            }
            if (n == 0 || high != out[n - 1]) {
                out[n++] = high;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
