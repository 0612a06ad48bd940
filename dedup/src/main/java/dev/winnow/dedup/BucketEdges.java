package dev.winnow.dedup;

/**
 * The candidate edges of LSH buckets, each bucket's members fed one by one in centre order (the
 * first member fed is the bucket's centre): a bucket of at most {@code pairwise} members links
 * every pair; a larger one links each member to its centre, a star, so a boilerplate bucket of
 * n documents costs n edges, never n² pairs. Holds at most {@code pairwise} members, whatever the
 * bucket's size, so buckets can stream past it.
 *
 * <p>Two sets of sizes a ≤ b have Jaccard at most a / b, so members whose sizes alone put them
 * below the threshold are never linked (exact: it costs no recall).
 */
public final class BucketEdges {
    /** Receives an edge, the lesser node first. */
    @FunctionalInterface
    public interface Sink {
        void edge(long lesser, long greater);
    }

    private final int pairwise;
    private final double threshold;
    private final long[] nodes;
    private final int[] sizes;
    private int held;
    private boolean star;

    /**
     * @param pairwise  the largest bucket whose pairs are all linked; at least 1
     * @param threshold the Jaccard threshold, in [0, 1]
     */
    public BucketEdges(int pairwise, double threshold) {
        checkedPairwise(pairwise);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        this.pairwise = pairwise;
        this.threshold = threshold;
        this.nodes = new long[pairwise];
        this.sizes = new int[pairwise];
    }

    /** The largest bucket whose pairs are all edges, checked: at least 1. */
    public static int checkedPairwise(int pairwise) {
        if (pairwise < 1) {
            throw new IllegalArgumentException("pairwise-bucket-size must be positive, got " + pairwise);
        }
        return pairwise;
    }

    /** The next member of the current bucket: a node and its number of shingles. */
    public void add(long node, int size, Sink out) {
        if (star) {
            link(0, node, size, out);
        } else if (held < pairwise) {
            nodes[held] = node;
            sizes[held] = size;
            held++;
        } else {
            // One more than `pairwise`: the bucket is a star around the first member.
            star = true;
            for (int i = 1; i < held; i++) {
                link(0, nodes[i], sizes[i], out);
            }
            link(0, node, size, out);
            held = 1;
        }
    }

    /** Ends the current bucket (its pairs are linked now when it stayed small); the next add starts another. */
    public void finish(Sink out) {
        if (!star) {
            for (int i = 0; i < held; i++) {
                for (int j = i + 1; j < held; j++) {
                    link(i, nodes[j], sizes[j], out);
                }
            }
        }
        held = 0;
        star = false;
    }

    private void link(int member, long node, int size, Sink out) {
        long other = nodes[member];
        int otherSize = sizes[member];
        if (Math.min(size, otherSize) >= threshold * Math.max(size, otherSize)) {
            out.edge(Math.min(node, other), Math.max(node, other));
        }
    }
}
