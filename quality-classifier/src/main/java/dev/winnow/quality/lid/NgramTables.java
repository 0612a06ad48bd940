package dev.winnow.quality.lid;

import java.util.Arrays;

/**
 * The compiled model as {@link NgramScorer} reads it: a table per n-gram order (index 1..max),
 * the shared posting runs and dense vectors, and the table entry of every n-gram of up to three
 * letters a-z, resolved once when the model is loaded. Those n-grams are most of most texts; their
 * entries take 146 KB, which stays in cache, where a lookup in the 3 MB trigram table costs a
 * cache miss per distinct trigram of every text. Their postings are copied next to each other at
 * the end of the runs and the vectors (3 MB more), so they share cache lines with each other
 * rather than with n-grams of other scripts. Immutable, shared by all threads.
 */
final class NgramTables {
    /** N-grams of letters a-z up to this order have their entry in {@link #azEntry}. */
    static final int AZ_ORDERS = 3;
    /** Index of "c": c; of "bc": c + 26 (b + 1); of "abc": c + 26 (b + 1) + 676 (a + 1), a, b, c in 0..25. */
    static final int AZ_SLOTS = 26 + 26 * 26 + 26 * 26 * 26;

    final NgramTable[] tables;
    final int[] runs;
    final int[] dense;
    /** Per a-z index: the n-gram's table entry, 0 when the model lacks it or its order. */
    final long[] azEntry;

    NgramTables(NgramTable[] tables, int[] runs, int[] dense, int languageCount) {
        this.tables = tables;
        this.azEntry = new long[AZ_SLOTS];
        int extraRuns = 0;
        int extraDense = 0;
        for (int index = 0; index < AZ_SLOTS; index++) {
            int order = azOrder(index);
            if (order < tables.length) {
                long entry = tables[order].entry(azKey(index));
                azEntry[index] = entry;
                if (entry != 0 && !NgramTable.isInline(entry)) {
                    if (NgramTable.runCount(entry) == NgramTable.DENSE) {
                        extraDense++;
                    } else {
                        extraRuns += NgramTable.runCount(entry);
                    }
                }
            }
        }
        // Copies of the a-z n-grams' postings, packed after the others: scattered among 40 MB of
        // runs and 34 MB of vectors they shared cache lines with n-grams most texts never have.
        this.runs = Arrays.copyOf(runs, runs.length + extraRuns);
        this.dense = Arrays.copyOf(dense, dense.length + extraDense * languageCount);
        int runEnd = runs.length;
        int denseEnd = dense.length / languageCount;
        for (int index = 0; index < AZ_SLOTS; index++) {
            long entry = azEntry[index];
            if (entry == 0 || NgramTable.isInline(entry)) {
                continue;
            }
            int start = NgramTable.runStart(entry);
            if (NgramTable.runCount(entry) == NgramTable.DENSE) {
                System.arraycopy(dense, start * languageCount, this.dense, denseEnd * languageCount, languageCount);
                azEntry[index] = NgramTable.withRunStart(entry, denseEnd++);
            } else {
                System.arraycopy(runs, start, this.runs, runEnd, NgramTable.runCount(entry));
                azEntry[index] = NgramTable.withRunStart(entry, runEnd);
                runEnd += NgramTable.runCount(entry);
            }
        }
    }

    /** The highest n-gram order the model has. */
    int maxOrder() {
        return tables.length - 1;
    }

    static int azOrder(int index) {
        return index < 26 ? 1 : index < 26 + 26 * 26 ? 2 : 3;
    }

    /** The {@link NgramHash} key of the n-gram at an a-z index. */
    static long azKey(int index) {
        long key = NgramHash.extend(NgramHash.SEED, 'a' + index % 26);
        for (int rest = index / 26; rest > 0; rest = (rest - 1) / 26) {
            key = NgramHash.extend(key, 'a' + (rest - 1) % 26);
        }
        return key;
    }

    long memoryBytes() {
        long bytes = runs.length * 4L + dense.length * 4L + azEntry.length * 8L;
        for (int k = 1; k < tables.length; k++) {
            bytes += tables[k].memoryBytes();
        }
        return bytes;
    }
}
