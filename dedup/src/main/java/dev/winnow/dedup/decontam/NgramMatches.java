package dev.winnow.dedup.decontam;

import java.util.Arrays;

/**
 * The task n-grams found in one document, in text order (by first word; at one word, the longest
 * first): word offset, length in words and the index entry. Reusable: {@link #clear} per document.
 */
public final class NgramMatches {
    private int count;
    private int[] starts = new int[16];
    private int[] lengths = new int[16];
    private int[] entries = new int[16];

    public void clear() {
        count = 0;
    }

    void add(int wordStart, int length, int entry) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            entries = Arrays.copyOf(entries, count * 2);
        }
        starts[count] = wordStart;
        lengths[count] = length;
        entries[count] = entry;
        count++;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** First word of match {@code i}. */
    public int wordStart(int i) {
        return starts[i];
    }

    /** Words in match {@code i}. */
    public int length(int i) {
        return lengths[i];
    }

    /** The {@link TaskNgramIndex} entry of match {@code i}. */
    public int entry(int i) {
        return entries[i];
    }

    // Scratch space for TaskNgramIndex.find, per thread like the matches themselves.
    private long[] keys = new long[256];
    private int[] candidates = new int[256];
    private int[] shortCandidates = new int[256];

    long[] keys(int size) {
        if (keys.length < size) {
            keys = new long[Math.max(size, keys.length * 2)];
        }
        return keys;
    }

    int[] candidates(int size) {
        if (candidates.length < size) {
            candidates = new int[Math.max(size, candidates.length * 2)];
        }
        return candidates;
    }

    int[] shortCandidates(int size) {
        if (shortCandidates.length < size) {
            shortCandidates = new int[Math.max(size, shortCandidates.length * 2)];
        }
        return shortCandidates;
    }
}
