package dev.winnow.dedup.decontam;

import dev.winnow.dedup.IntList;
import dev.winnow.dedup.LongList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every n-gram of a set of downstream task examples, for finding them in training documents.
 *
 * <p>Each task text of at least {@code ngram} words contributes all its {@code ngram}-word
 * windows; a text of {@code minWords .. ngram - 1} words contributes itself, whole; shorter texts
 * nothing. An entry is one distinct n-gram (by 64-bit hash of its words) with the tasks it occurs
 * in and its first occurrence.
 *
 * <p>Lookup, per word of a document: a {@link BlockedBloomFilter} (16 bits per n-gram, one cache
 * line) rejects nearly every window; a hit is confirmed by binary search in the sorted hashes and
 * then by comparing the words themselves, so a reported match is exact. Short task texts are found
 * through their first {@code minWords} words (a small table), then checked at their own lengths.
 *
 * <p>Immutable once built, so one index serves every thread of a JVM.
 */
public final class TaskNgramIndex {
    private final DecontaminationParams params;
    private final List<String> tasks;
    private final int[][] taskSets;
    private final int examples;
    private final int tooShort;
    private final BlockedBloomFilter bloom;
    /** Sorted n-gram hashes; entry e is position e. */
    private final long[] keys;
    private final int[] entryExample;
    private final int[] entryWord;
    private final byte[] entryLength;
    private final int[] entryTaskSet;
    private final String[] exampleIds;
    /** Per example: its words lower-cased and joined by single spaces, and where each word starts. */
    private final String[] normalized;
    private final int[][] wordOffsets;
    /** Hash of the first minWords words of a short task text → bit set of the lengths in use. */
    private final LongIntMap shortPrefixes;
    /** The keys of {@link #shortPrefixes}, as a filter small enough for the L1/L2 cache. */
    private final BlockedBloomFilter shortBloom;

    private TaskNgramIndex(Builder b) {
        params = b.params;
        tasks = List.copyOf(b.taskIds.keySet());
        taskSets = b.taskSets.toArray(new int[0][]);
        examples = b.exampleIds.size();
        tooShort = b.tooShort;
        exampleIds = b.exampleIds.toArray(new String[0]);
        normalized = b.normalized.toArray(new String[0]);
        wordOffsets = b.wordOffsets.toArray(new int[0][]);
        shortPrefixes = b.shortPrefixes;
        shortBloom = new BlockedBloomFilter(b.shortPrefixKeys.size());
        for (int i = 0; i < b.shortPrefixKeys.size(); i++) {
            shortBloom.add(b.shortPrefixKeys.get(i));
        }

        int n = b.keys.size();
        long[] unsorted = b.keys.toArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(unsorted[x], unsorted[y]));
        keys = new long[n];
        entryExample = new int[n];
        entryWord = new int[n];
        entryLength = new byte[n];
        entryTaskSet = new int[n];
        bloom = new BlockedBloomFilter(n);
        for (int e = 0; e < n; e++) {
            int i = order[e];
            keys[e] = unsorted[i];
            entryExample[e] = b.example.get(i);
            entryWord[e] = b.word.get(i);
            entryLength[e] = (byte) b.length.get(i);
            entryTaskSet[e] = b.taskSet.get(i);
            bloom.add(keys[e]);
        }
    }

    /** Indexes {@code examples} under {@code params}; tasks are numbered in order of first appearance. */
    public static TaskNgramIndex build(Iterable<TaskExample> examples, DecontaminationParams params) {
        Builder b = new Builder(params);
        for (TaskExample e : examples) {
            b.add(e);
        }
        return new TaskNgramIndex(b);
    }

    public DecontaminationParams params() {
        return params;
    }

    /** Task names, in the order their index numbers refer to. */
    public List<String> tasks() {
        return tasks;
    }

    /** Examples read, including those too short to index. */
    public int examples() {
        return examples;
    }

    /** Examples with fewer than {@code minWords} words: not indexed. */
    public int examplesTooShort() {
        return tooShort;
    }

    /** Distinct n-grams indexed. */
    public int size() {
        return keys.length;
    }

    /** The hash of entry {@code e}: what the frequency count is keyed by. */
    public long key(int e) {
        return keys[e];
    }

    /** The tasks (index numbers, ascending) entry {@code e} occurs in. */
    public int[] tasksOf(int e) {
        return taskSets[entryTaskSet[e]];
    }

    /** The words of entry {@code e}, lower-cased, joined by single spaces. */
    public String text(int e) {
        int x = entryExample[e];
        int[] offs = wordOffsets[x];
        int from = entryWord[e];
        int to = from + entryLength[e];
        return normalized[x].substring(offs[from], offs[to] - 1);
    }

    /** The id of the first example entry {@code e} was found in. */
    public String exampleId(int e) {
        return exampleIds[entryExample[e]];
    }

    /** Approximate heap held, for logs. */
    public long sizeBytes() {
        long text = 0;
        for (int x = 0; x < normalized.length; x++) {
            text += 2L * normalized[x].length() + 4L * wordOffsets[x].length + 64;
        }
        return bloom.sizeBytes() + keys.length * 21L + text;
    }

    /** The entry with hash {@code key}, or -1. */
    public int entryOf(long key) {
        int e = Arrays.binarySearch(keys, key);
        return e >= 0 ? e : -1;
    }

    /**
     * Adds to {@code out} every indexed n-gram in {@code words} whose hash is not in
     * {@code ignored} (sorted; the frequent n-grams), in text order. Clears {@code out} first.
     */
    public void find(WordTokens words, long[] ignored, NgramMatches out) {
        out.clear();
        int n = words.size();
        int ngram = params.ngram();
        int minWords = params.minWords();
        // Three tight loops instead of one: the window hashes first, then the filter probes (a
        // loop of a few instructions, so the CPU keeps many cache misses in flight at once), then
        // the few candidates in text order. One loop doing all of it ran 2-3x slower.
        int windows = Math.max(0, n - ngram + 1);
        long[] keys = out.keys(windows);
        for (int i = 0; i < windows; i++) {
            keys[i] = words.ngram(i, ngram);
        }
        int[] candidates = out.candidates(windows);
        int found = 0;
        for (int i = 0; i < windows; i++) {
            if (bloom.mightContain(keys[i])) {
                candidates[found++] = i;
            }
        }
        int shortWindows = shortPrefixes.size() > 0 ? Math.max(0, n - minWords + 1) : 0;
        int[] shortCandidates = out.shortCandidates(shortWindows);
        int shortFound = 0;
        for (int i = 0; i < shortWindows; i++) {
            if (shortBloom.mightContain(words.ngram(i, minWords))) {
                shortCandidates[shortFound++] = i;
            }
        }
        int a = 0;
        int b = 0;
        while (a < found || b < shortFound) {
            int i = b >= shortFound || (a < found && candidates[a] <= shortCandidates[b]) ? candidates[a] : shortCandidates[b];
            if (a < found && candidates[a] == i) {
                check(words, i, ngram, keys[i], ignored, out);
                a++;
            }
            if (b < shortFound && shortCandidates[b] == i) {
                int lengths = shortPrefixes.get(words.ngram(i, minWords));
                if (lengths != LongIntMap.MISSING) {
                    for (int len = ngram - 1; len >= minWords; len--) {
                        if ((lengths & (1 << len)) != 0 && i + len <= n) {
                            check(words, i, len, words.ngram(i, len), ignored, out);
                        }
                    }
                }
                b++;
            }
        }
    }

    private void check(WordTokens words, int from, int length, long key, long[] ignored, NgramMatches out) {
        int e = entryOf(key);
        if (e < 0 || entryLength[e] != length || (ignored.length > 0 && Arrays.binarySearch(ignored, key) >= 0)) {
            return;
        }
        // The hash says "probably"; the words say "certainly".
        if (words.words(from, length).equals(text(e))) {
            out.add(from, length, e);
        }
    }

    /** Accumulates the index while task texts are read. */
    private static final class Builder {
        final DecontaminationParams params;
        final Map<String, Integer> taskIds = new LinkedHashMap<>();
        final List<int[]> taskSets = new ArrayList<>();
        final Map<String, Integer> taskSetIds = new HashMap<>();
        /** Task number → the id of the set holding only it (set ids and task numbers differ). */
        final IntList singletons = new IntList();
        final List<String> exampleIds = new ArrayList<>();
        final List<String> normalized = new ArrayList<>();
        final List<int[]> wordOffsets = new ArrayList<>();
        final LongIntMap entries = new LongIntMap(1 << 16);
        final LongList keys = new LongList();
        final IntList example = new IntList();
        final IntList word = new IntList();
        final IntList length = new IntList();
        final IntList taskSet = new IntList();
        final LongIntMap shortPrefixes = new LongIntMap(64);
        final LongList shortPrefixKeys = new LongList();
        final WordTokens words = new WordTokens();
        int tooShort;

        Builder(DecontaminationParams params) {
            this.params = params;
        }

        void add(TaskExample example) {
            int task = taskIds.computeIfAbsent(example.task(), t -> {
                singletons.add(internTaskSet(new int[] {taskIds.size()}));
                return taskIds.size();
            });
            int x = exampleIds.size();
            exampleIds.add(example.id());
            words.tokenize(example.text());
            int n = words.size();
            int[] offsets = new int[n + 1];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                offsets[i] = text.length();
                text.append(words.word(i)).append(' ');
            }
            offsets[n] = text.length();
            normalized.add(text.toString());
            wordOffsets.add(offsets);
            int ngram = params.ngram();
            if (n >= ngram) {
                for (int i = 0; i + ngram <= n; i++) {
                    entry(words.ngram(i, ngram), task, x, i, ngram);
                }
            } else if (n >= params.minWords()) {
                entry(words.ngram(0, n), task, x, 0, n);
                long prefix = words.ngram(0, params.minWords());
                int lengths = shortPrefixes.get(prefix);
                if (lengths == LongIntMap.MISSING) {
                    shortPrefixKeys.add(prefix);
                }
                shortPrefixes.put(prefix, (lengths == LongIntMap.MISSING ? 0 : lengths) | 1 << n);
            } else {
                tooShort++;
            }
        }

        private void entry(long key, int task, int x, int wordStart, int len) {
            int e = entries.get(key);
            if (e == LongIntMap.MISSING) {
                entries.put(key, keys.size());
                keys.add(key);
                example.add(x);
                word.add(wordStart);
                length.add(len);
                taskSet.add(singletons.get(task));
                return;
            }
            int[] set = taskSets.get(taskSet.get(e));
            if (Arrays.binarySearch(set, task) < 0) {
                int[] grown = Arrays.copyOf(set, set.length + 1);
                grown[set.length] = task;
                Arrays.sort(grown);
                taskSet.set(e, internTaskSet(grown));
            }
        }

        private int internTaskSet(int[] set) {
            return taskSetIds.computeIfAbsent(Arrays.toString(set), k -> {
                taskSets.add(set);
                return taskSets.size() - 1;
            });
        }
    }
}
