package dev.winnow.quality.lid;

import java.util.Arrays;

/**
 * Adds up, per language, the postings of every n-gram (orders 1..maxOrder) that ends at a letter
 * of the text and lies within one word. Per-thread scratch: not thread-safe.
 *
 * <p>Three things make it fast. Repeated n-grams are counted first and looked up once (a 2 KB text
 * has a few hundred distinct letters and bigrams, not thousands). N-grams of up to three letters
 * a-z, most of most texts, are counted by their index in a plain array and find their table entry
 * by that index ({@link NgramTables#azEntry}): no hashing, no probe of the large trigram table.
 * And the other lookups are memory-bound, so all keys of an order are gathered before any is
 * looked up: their slot reads are independent and the processor overlaps the cache misses
 * instead of taking them in turn. (Scores are integer sums, so the order in which n-grams are
 * collected never changes a result.)
 */
final class NgramScorer {
    private static final int MAX_ORDER = 5;
    /** Orders up to this one score every language; longer n-grams only the shortlist. */
    static final int SHORTLIST_AFTER_ORDER = 2;

    final int[] scores;
    /** The shortlisted candidates, after {@link #score}. */
    final int[] active;
    private final int languageCount;
    private final long[][] keys;
    private final int[][] counts;
    private final int[] keyCounts = new int[MAX_ORDER + 1];
    private final long[] entries;
    private final int[] entryCounts;
    /** Dedup index: slot -> key and (order << 24 | index), valid only where stamp == generation. */
    private final long[] slotKeys;
    private final int[] slotRefs;
    private final int[] slotStamps;
    private int generation;
    /** Counts of a-z n-grams by index ({@link NgramTables#AZ_SLOTS}); all 0 between texts. */
    private final int[] azCounts = new int[NgramTables.AZ_SLOTS];
    private final int[] azSeen;
    /** Per order: the table entries of the a-z n-grams the model has, and how often each occurs. */
    private final long[][] azFound;
    private final int[][] azFoundCounts;
    private final int[] azFoundSizes = new int[NgramTables.AZ_ORDERS + 1];

    NgramScorer(int languageCount, int maxLetters) {
        this.languageCount = languageCount;
        this.scores = new int[languageCount];
        this.active = new int[languageCount];
        this.keys = new long[MAX_ORDER + 1][maxLetters];
        this.counts = new int[MAX_ORDER + 1][maxLetters];
        this.entries = new long[maxLetters];
        this.entryCounts = new int[maxLetters];
        int slots = Integer.highestOneBit(Math.max(16, maxLetters * MAX_ORDER)) << 2;
        this.slotKeys = new long[slots];
        this.slotRefs = new int[slots];
        this.slotStamps = new int[slots];
        this.azSeen = new int[maxLetters * NgramTables.AZ_ORDERS];
        this.azFound = new long[NgramTables.AZ_ORDERS + 1][maxLetters];
        this.azFoundCounts = new int[NgramTables.AZ_ORDERS + 1][maxLetters];
    }

    /**
     * Scores the candidates. After the bigrams, candidates further than {@code margin} (scaled
     * nats) behind the best are dropped: the longer n-grams then only update the ones left, which
     * is where most of the work went (a common trigram has a score for dozens of languages).
     * Returns how many candidates are left, at the front of {@code active}; when one is, the
     * longer n-grams are not scored (its {@code scores} entry then stops at the bigrams). The
     * candidates have indices in {@code [from, to)} (languages are grouped by script).
     */
    int score(LetterBuffer text, NgramTables model, boolean[] scoredScripts, int maxOrder, int[] candidates,
            int margin, int from, int to) {
        Arrays.fill(scores, 0);
        gather(text, model.azEntry, scoredScripts, maxOrder);
        int activeCount = 0;
        for (int k = 1; k <= maxOrder; k++) {
            if (k == SHORTLIST_AFTER_ORDER + 1) {
                activeCount = shortlist(candidates, margin);
                if (activeCount == 1) {
                    break; // one candidate left: longer n-grams cannot change its probability of 1
                }
            }
            lookUp(model, k, k <= SHORTLIST_AFTER_ORDER ? 0 : activeCount, from, to);
        }
        if (maxOrder <= SHORTLIST_AFTER_ORDER) {
            activeCount = shortlist(candidates, margin);
        }
        return activeCount;
    }

    private int shortlist(int[] candidates, int margin) {
        int best = Integer.MIN_VALUE;
        for (int lang : candidates) {
            best = Math.max(best, scores[lang]);
        }
        int n = 0;
        for (int lang : candidates) {
            if ((long) scores[lang] >= (long) best - margin) {
                active[n++] = lang;
            }
        }
        return n;
    }

    /** The distinct n-gram keys per order, with how often each occurs. */
    private void gather(LetterBuffer text, long[] azEntry, boolean[] scoredScripts, int maxOrder) {
        Arrays.fill(keyCounts, 0);
        Arrays.fill(azFoundSizes, 0);
        if (++generation == 0) {
            Arrays.fill(slotStamps, 0);
            generation = 1;
        }
        int mask = Math.min(slotKeys.length, Integer.highestOneBit(Math.max(8, text.length * maxOrder)) << 1) - 1;
        int[] codePoints = text.codePoints;
        int wordStart = 0;
        int azRun = 0; // letters a-z ending here, within the word
        int seen = 0;
        for (int p = 0; p < text.length; p++) {
            int cp = codePoints[p];
            if (cp < 0 || !scoredScripts[text.scriptOf[p] & 0xFF]) {
                wordStart = p + 1;
                azRun = 0;
                continue;
            }
            int orders = Math.min(maxOrder, p - wordStart + 1);
            azRun = cp >= 'a' && cp <= 'z' ? azRun + 1 : 0;
            int azOrders = Math.min(orders, Math.min(azRun, NgramTables.AZ_ORDERS));
            if (azOrders > 0) {
                int index = cp - 'a';
                seen = countAz(index, seen);
                if (azOrders > 1) {
                    index = index + 26 * (codePoints[p - 1] - 'a' + 1);
                    seen = countAz(index, seen);
                    if (azOrders > 2) {
                        seen = countAz(index + 26 * 26 * (codePoints[p - 2] - 'a' + 1), seen);
                    }
                }
            }
            if (orders > azOrders) {
                long key = NgramHash.SEED;
                for (int k = 1; k <= orders; k++) {
                    key = NgramHash.extend(key, codePoints[p - k + 1]);
                    if (k > azOrders) {
                        count(k, key, mask);
                    }
                }
            }
        }
        collectAz(azEntry, seen);
    }

    /** Counts an n-gram of letters a-z by its index; no hashing, no branch on whether it is new. */
    private int countAz(int index, int seen) {
        int times = azCounts[index];
        azSeen[seen] = index;
        azCounts[index] = times + 1;
        return times == 0 ? seen + 1 : seen;
    }

    /** Keeps the entries of the a-z n-grams the model has, by order, and clears their counts. */
    private void collectAz(long[] azEntry, int seen) {
        for (int i = 0; i < seen; i++) {
            int index = azSeen[i];
            long entry = azEntry[index];
            if (entry != 0) {
                int order = NgramTables.azOrder(index);
                int at = azFoundSizes[order]++;
                azFound[order][at] = entry;
                azFoundCounts[order][at] = azCounts[index];
            }
            azCounts[index] = 0;
        }
    }

    private void count(int order, long key, int mask) {
        int slot = (int) (key ^ (key >>> 29)) & mask;
        while (slotStamps[slot] == generation) {
            if (slotKeys[slot] == key) {
                int ref = slotRefs[slot];
                counts[ref >>> 24][ref & 0xFFFFFF]++;
                return;
            }
            slot = (slot + 1) & mask;
        }
        int index = keyCounts[order]++;
        keys[order][index] = key;
        counts[order][index] = 1;
        slotStamps[slot] = generation;
        slotKeys[slot] = key;
        slotRefs[slot] = order << 24 | index;
    }

    /**
     * Adds the postings of the order's n-grams: the hashed keys looked up first (all slot reads
     * issued before any is used), then with the a-z entries found in {@link #gather}. Dense vectors
     * only for the shortlist when there is one.
     */
    private void lookUp(NgramTables model, int order, int activeCount, int from, int to) {
        NgramTable table = model.tables[order];
        long[] orderKeys = keys[order];
        int[] orderCounts = counts[order];
        int n = keyCounts[order];
        for (int i = 0; i < n; i++) {
            entries[i] = table.slotEntry(orderKeys[i]);
        }
        int found = 0;
        for (int i = 0; i < n; i++) {
            long entry = entries[i];
            if (!NgramTable.matches(entry, orderKeys[i])) {
                if (entry == 0 || (entry = table.resolve(orderKeys[i], entry)) == 0) {
                    continue;
                }
            }
            entries[found] = entry;
            entryCounts[found++] = orderCounts[i];
        }
        if (order <= NgramTables.AZ_ORDERS) {
            System.arraycopy(azFound[order], 0, entries, found, azFoundSizes[order]);
            System.arraycopy(azFoundCounts[order], 0, entryCounts, found, azFoundSizes[order]);
            found += azFoundSizes[order];
        }
        add(found, model, activeCount, from, to);
    }

    /** Adds the postings of {@code entries[0, n)}, each times its count. */
    private void add(int n, NgramTables model, int activeCount, int from, int to) {
        int[] dense = model.dense;
        int runCount = 0;
        for (int i = 0; i < n; i++) {
            long entry = entries[i];
            int times = entryCounts[i];
            if (NgramTable.isInline(entry)) {
                int posting = NgramTable.inlinePosting(entry);
                scores[posting & 0xFF] += times * (posting >> 8);
            } else if (NgramTable.runCount(entry) == NgramTable.DENSE) {
                int base = NgramTable.runStart(entry) * languageCount;
                if (activeCount == 0) {
                    for (int j = from; j < to; j++) {
                        scores[j] += times * dense[base + j];
                    }
                } else {
                    for (int a = 0; a < activeCount; a++) {
                        int lang = active[a];
                        scores[lang] += times * dense[base + lang];
                    }
                }
            } else {
                entryCounts[runCount] = times;
                entries[runCount++] = entry;
            }
        }
        int[] runs = model.runs;
        for (int r = 0; r < runCount; r++) {
            int start = NgramTable.runStart(entries[r]);
            int end = start + NgramTable.runCount(entries[r]);
            int times = entryCounts[r];
            for (int j = start; j < end; j++) {
                int posting = runs[j];
                scores[posting & 0xFF] += times * (posting >> 8);
            }
        }
    }
}
