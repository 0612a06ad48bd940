package dev.winnow.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact all-pairs set-similarity self-join: every pair of sets with Jaccard ≥ t, the same pairs
 * as comparing all of them with {@link Jaccard#of} (empty sets excepted), in far less time. The
 * ground truth for evaluating MinHash + LSH.
 *
 * <p>AllPairs/PPJoin: sets are visited by size; tokens are ordered rarest first; two sets of
 * Jaccard ≥ t share a token within their short prefixes in that order, so only sets sharing a
 * prefix token are candidates (rare tokens make few). Candidates are further cut by size
 * (|y| ≥ t|x|) and by position (the overlap still reachable after a shared token), then
 * verified by exact intersection. Identical sets are joined once and their pairs multiplied
 * out, so clusters of exact copies cost no verification.
 */
public final class JaccardJoin {
    /** Probes handed to a thread at a time. */
    private static final int CHUNK = 64;

    private final long[][] sets;
    private final double threshold;
    /** A hair below the threshold: filters use it so that float rounding never drops a pair. */
    private final double loose;
    /** Non-empty sets by (size, index): the visiting order; "order" indices below refer to it. */
    private final int[] byOrder;
    private final int[] sizeByOrder;
    private final TokenPrefixes prefixes;
    /** Inverted index of index prefixes, by token rank: (order, position) pairs, in order. */
    private final int[] listStart;
    private final int[] entries;

    private JaccardJoin(long[][] sets, double threshold, int rangeTokens) {
        this.sets = sets;
        this.threshold = threshold;
        this.loose = threshold * (1 - 1e-9);
        int nonEmpty = 0;
        long[] keys = new long[sets.length];
        for (int d = 0; d < sets.length; d++) {
            if (sets[d].length > 0) {
                keys[nonEmpty++] = ((long) sets[d].length << 32) | d;
            }
        }
        Arrays.sort(keys, 0, nonEmpty);
        byOrder = new int[nonEmpty];
        sizeByOrder = new int[nonEmpty];
        for (int o = 0; o < nonEmpty; o++) {
            byOrder[o] = (int) keys[o];
            sizeByOrder[o] = (int) (keys[o] >>> 32);
        }

        // Probe prefix: |x| − ⌈t|x|⌉ + 1 tokens. Index prefix (larger sets probe it later):
        // |x| − ⌈2t/(1+t)·|x|⌉ + 1, which is never longer.
        int[] probeLength = new int[sets.length];
        for (int d = 0; d < sets.length; d++) {
            probeLength[d] = sets[d].length - atLeast(loose * sets[d].length) + 1;
        }
        prefixes = new TokenPrefixes(sets, probeLength, rangeTokens);

        double indexShare = 2 * loose / (1 + loose);
        listStart = new int[prefixes.sharedTokens + 1];
        for (int o = 0; o < nonEmpty; o++) {
            int d = byOrder[o];
            for (int j = 0, k = indexedShared(d, indexShare); j < k; j++) {
                listStart[prefixes.sharedPrefix[d][j] + 1]++;
            }
        }
        for (int r = 0; r < prefixes.sharedTokens; r++) {
            listStart[r + 1] += listStart[r];
        }
        entries = new int[2 * listStart[prefixes.sharedTokens]];
        int[] fill = Arrays.copyOf(listStart, prefixes.sharedTokens);
        for (int o = 0; o < nonEmpty; o++) {
            int d = byOrder[o];
            for (int j = 0, k = indexedShared(d, indexShare); j < k; j++) {
                int e = 2 * fill[prefixes.sharedPrefix[d][j]]++;
                entries[e] = o;
                entries[e + 1] = prefixes.singletons[d] + j;
            }
        }
    }

    /** All pairs of sets with Jaccard ≥ {@code threshold}, on one thread. */
    public static SimilarPairs selfJoin(List<long[]> sets, double threshold) {
        return selfJoin(sets, threshold, 1);
    }

    /**
     * All pairs {@code (i, j)}, {@code i < j}, of non-empty sets with {@code Jaccard.of(i, j) >= threshold},
     * sorted; the same for any thread count.
     *
     * @param sets      sorted, distinct token hashes per set, as {@link Shingler#shingles} gives
     * @param threshold in (0, 1]
     * @param threads   probe threads, at least 1
     */
    public static SimilarPairs selfJoin(List<long[]> sets, double threshold, int threads) {
        return selfJoin(sets, threshold, threads, TokenPrefixes.RANGE_TOKENS);
    }

    /** With the tokens per counting range given, so tests can split small corpora into many ranges. */
    static SimilarPairs selfJoin(List<long[]> sets, double threshold, int threads, int rangeTokens) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        long[][] array = sets.toArray(new long[0][]);
        for (int d = 0; d < array.length; d++) {
            long[] s = array[d];
            for (int i = 1; i < s.length; i++) {
                if (s[i - 1] >= s[i]) {
                    throw new IllegalArgumentException("set " + d + " is not sorted and distinct at " + i);
                }
            }
        }
        IdenticalSets copies = new IdenticalSets(array);
        long[][] distinct = new long[copies.distinct.length][];
        for (int g = 0; g < distinct.length; g++) {
            distinct[g] = array[copies.distinct[g]];
        }
        List<Probe> found = new JaccardJoin(distinct, threshold, rangeTokens).run(threads);
        return sorted(found, copies, array);
    }

    private List<Probe> run(int threads) {
        AtomicInteger next = new AtomicInteger();
        List<Probe> probes = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            probes.add(new Probe(next));
        }
        if (threads == 1) {
            probes.get(0).run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Probe p : probes) {
                    done.add(pool.submit(p));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("join thread failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return probes;
    }

    /** One thread's probing: candidate counts per order index, and the pairs found. */
    private final class Probe implements Runnable {
        private final AtomicInteger next;
        private final int[] count = new int[byOrder.length];
        private final IntList touched = new IntList();
        final LongList pairs = new LongList();
        final IntList overlaps = new IntList();

        Probe(AtomicInteger next) {
            this.next = next;
        }

        @Override
        public void run() {
            for (int from; (from = next.getAndAdd(CHUNK)) < byOrder.length; ) {
                for (int o = from; o < Math.min(from + CHUNK, byOrder.length); o++) {
                    probe(o);
                }
            }
        }

        /** Pairs of set {@code byOrder[ox]} with the sets visited before it. */
        private void probe(int ox) {
            int x = byOrder[ox];
            int nx = sets[x].length;
            int[] prefix = prefixes.sharedPrefix[x];
            int skipped = prefixes.singletons[x];
            int smallest = lowerBound(sizeByOrder, 0, ox, atLeast(loose * nx)); // size filter
            double share = loose / (1 + loose);
            for (int j = 0; j < prefix.length; j++) {
                int r = prefix[j];
                int i = skipped + j; // position of the token in x's order
                int end = 2 * listStart[r + 1];
                for (int e = firstEntry(2 * listStart[r], end, smallest); e < end; e += 2) {
                    int oy = entries[e];
                    if (oy >= ox) {
                        break;
                    }
                    int c = count[oy];
                    if (c < 0) {
                        continue;
                    }
                    int ny = sizeByOrder[oy];
                    if (c == 0) {
                        touched.add(oy);
                    }
                    // Shared so far + this token + the most the rest of both sets can share.
                    int reachable = c + 1 + Math.min(nx - i - 1, ny - entries[e + 1] - 1);
                    count[oy] = reachable < atLeast(share * (nx + ny)) ? -1 : c + 1;
                }
            }
            for (int k = 0; k < touched.size(); k++) {
                int oy = touched.get(k);
                if (count[oy] > 0) {
                    verify(x, byOrder[oy]);
                }
                count[oy] = 0;
            }
            touched.clear();
        }

        private void verify(int x, int y) {
            long[] a = sets[x];
            long[] b = sets[y];
            int c = overlap(a, b, atLeast(loose / (1 + loose) * (a.length + b.length)));
            if (c >= 0 && (double) c / (a.length + b.length - c) >= threshold) {
                pairs.add(SimilarPairs.pack(x, y));
                overlaps.add(c);
            }
        }

        /** The first entry of a list whose set is at order ≥ {@code smallest} (entries are in order). */
        private int firstEntry(int from, int to, int smallest) {
            int lo = from / 2;
            int hi = to / 2;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (entries[2 * mid] < smallest) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return 2 * lo;
        }
    }

    /**
     * The pairs of all threads, between distinct sets, as pairs of the input sets with their copies
     * multiplied out (copies pair with each other too, at similarity 1), sorted by (i, j):
     * a counting sort by i, then a sort of each i's j's.
     */
    private static SimilarPairs sorted(List<Probe> probes, IdenticalSets copies, long[][] sets) {
        int[] starts = copies.memberStart;
        int[] members = copies.members;
        int[] start = new int[sets.length + 1];
        for (int g = 0; g + 1 < starts.length; g++) {
            for (int k = starts[g]; k < starts[g + 1]; k++) {
                start[members[k] + 1] += starts[g + 1] - k - 1;
            }
        }
        for (Probe p : probes) {
            for (int k = 0; k < p.pairs.size(); k++) {
                long pair = p.pairs.get(k);
                int g = SimilarPairs.first(pair);
                int h = SimilarPairs.second(pair);
                for (int a = starts[g]; a < starts[g + 1]; a++) {
                    for (int b = starts[h]; b < starts[h + 1]; b++) {
                        start[Math.min(members[a], members[b]) + 1]++;
                    }
                }
            }
        }
        long total = 0;
        for (int i = 0; i < sets.length; i++) {
            total += start[i + 1];
            start[i + 1] += start[i];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(total + " pairs are more than an array holds; raise the threshold");
        }
        long[] packed = new long[start[sets.length]]; // j << 32 | overlap, grouped by i
        int[] fill = Arrays.copyOf(start, sets.length);
        for (int g = 0; g + 1 < starts.length; g++) {
            for (int k = starts[g]; k < starts[g + 1]; k++) {
                for (int l = k + 1; l < starts[g + 1]; l++) {
                    packed[fill[members[k]]++] = ((long) members[l] << 32) | sets[members[k]].length;
                }
            }
        }
        for (Probe p : probes) {
            for (int k = 0; k < p.pairs.size(); k++) {
                long pair = p.pairs.get(k);
                int g = SimilarPairs.first(pair);
                int h = SimilarPairs.second(pair);
                long overlap = p.overlaps.get(k);
                for (int a = starts[g]; a < starts[g + 1]; a++) {
                    for (int b = starts[h]; b < starts[h + 1]; b++) {
                        int i = Math.min(members[a], members[b]);
                        int j = Math.max(members[a], members[b]);
                        packed[fill[i]++] = ((long) j << 32) | overlap;
                    }
                }
            }
            p.pairs.clear();
        }
        int[] overlaps = new int[packed.length];
        for (int i = 0; i < sets.length; i++) {
            Arrays.sort(packed, start[i], start[i + 1]);
            for (int k = start[i]; k < start[i + 1]; k++) {
                overlaps[k] = (int) packed[k];
                packed[k] = SimilarPairs.pack(i, (int) (packed[k] >>> 32));
            }
        }
        int[] sizes = new int[sets.length];
        for (int d = 0; d < sets.length; d++) {
            sizes[d] = sets[d].length;
        }
        return new SimilarPairs(packed, overlaps, sizes);
    }

    /** How many of set d's shared prefix tokens go into the index. */
    private int indexedShared(int d, double indexShare) {
        int n = sets[d].length;
        int indexLength = n - atLeast(indexShare * n) + 1;
        return Math.max(0, Math.min(prefixes.sharedPrefix[d].length, indexLength - prefixes.singletons[d]));
    }

    /** |a ∩ b| by merging, or −1 as soon as it cannot reach {@code need}. */
    static int overlap(long[] a, long[] b, int need) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (common + Math.min(a.length - i, b.length - j) < need) {
                return -1;
            }
            // Branch-free steps, as Jaccard.intersection: the comparisons of random hashes mispredict.
            long x = a[i];
            long y = b[j];
            common += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        return common >= need ? common : -1;
    }

    /** ⌈v⌉ as an int. */
    private static int atLeast(double v) {
        return (int) Math.ceil(v);
    }

    /** The first index in {@code [from, to)} of ascending {@code a} with {@code a[i] >= v}. */
    private static int lowerBound(int[] a, int from, int to, int v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
