package dev.winnow.dedup.decontam;

import java.util.Arrays;

/**
 * The counting pass, for one thread: in how many documents each task n-gram occurs (once per
 * document however often it repeats there). Summed over all documents, this says which n-grams are
 * too common to mean contamination ({@link DecontaminationParams#isFrequent}).
 */
public final class NgramDocumentCounter {
    /** Receives one (n-gram hash, documents) pair. */
    public interface Sink {
        void accept(long key, long documents);
    }

    private static final long[] NONE = new long[0];

    private final TaskNgramIndex index;
    private final WordTokens words = new WordTokens();
    private final NgramMatches matches = new NgramMatches();
    private int[] seen = new int[16];
    private int[] counts;
    private long documents;
    private long contaminated;

    public NgramDocumentCounter(TaskNgramIndex index) {
        this.index = index;
    }

    public void add(String text) {
        documents++;
        index.find(words.tokenize(text), NONE, matches);
        int n = matches.size();
        if (n == 0) {
            return;
        }
        contaminated++;
        if (counts == null) {
            counts = new int[index.size()];
        }
        if (seen.length < n) {
            seen = new int[Math.max(n, seen.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            seen[i] = matches.entry(i);
        }
        Arrays.sort(seen, 0, n);
        for (int i = 0; i < n; i++) {
            if (i == 0 || seen[i] != seen[i - 1]) {
                counts[seen[i]]++;
            }
        }
    }

    /** Documents added. */
    public long documents() {
        return documents;
    }

    /** Documents with at least one task n-gram. */
    public long documentsWithMatches() {
        return contaminated;
    }

    /** Every n-gram found, with its document count, in index order. */
    public void forEach(Sink sink) {
        if (counts == null) {
            return;
        }
        for (int e = 0; e < counts.length; e++) {
            if (counts[e] > 0) {
                sink.accept(index.key(e), counts[e]);
            }
        }
    }
}
