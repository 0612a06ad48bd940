package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The table packs three posting layouts (inline, run, dense vector) into one long per slot; a
 * decoding mistake silently scores the wrong language, so each layout is checked by value.
 */
class NgramTableTest {
    private static final int LANGUAGES = 40;
    private static final int DENSE_MIN = 24;

    /** Keys with their postings, in the layout the model file uses (starts has keys + 1 entries). */
    private static final class Built {
        final long[] keys;
        final int[] starts;
        final int[] postings;
        final NgramTable.PostingRuns runs = new NgramTable.PostingRuns();
        final NgramTable.DenseVectors dense = new NgramTable.DenseVectors(LANGUAGES, DENSE_MIN);
        final NgramTable table;

        Built(long[] keys, int[][] postingsPerKey) {
            this.keys = keys;
            this.starts = new int[keys.length + 1];
            int total = 0;
            for (int k = 0; k < keys.length; k++) {
                starts[k] = total;
                total += postingsPerKey[k].length;
            }
            starts[keys.length] = total;
            this.postings = new int[total];
            for (int k = 0; k < keys.length; k++) {
                System.arraycopy(postingsPerKey[k], 0, postings, starts[k], postingsPerKey[k].length);
            }
            this.table = new NgramTable(keys, 0, keys.length, starts, postings, runs, dense);
        }

        long entry(long key) {
            return table.resolve(key, table.slotEntry(key));
        }
    }

    /** Postings for languages 0..count-1 with distinct, partly negative scores. */
    private static int[] postingsFor(int count, int salt) {
        int[] p = new int[count];
        for (int i = 0; i < count; i++) {
            p[i] = ModelFile.posting(i, (i * 37 + salt) * (i % 2 == 0 ? 1 : -1));
        }
        return p;
    }

    private static long key(String ngram) {
        return NgramHash.of(ngram.codePoints().toArray());
    }

    @Test
    void eachPostingLayoutDecodesToItsPostings() {
        long empty = key("qz");
        long single = key("th");
        long few = key("he");
        long many = key("e");
        int[] one = {ModelFile.posting(7, -1234)};
        int[] three = postingsFor(3, 5);
        int[] thirty = postingsFor(30, 11);
        Built b = new Built(new long[] {empty, single, few, many}, new int[][] {{}, one, three, thirty});

        long e0 = b.entry(empty);
        assertNotEquals(0, e0, "a key without postings is still present (suffix of longer n-grams)");
        assertFalse(NgramTable.isInline(e0));
        assertEquals(0, NgramTable.runCount(e0));

        long e1 = b.entry(single);
        assertTrue(NgramTable.isInline(e1));
        assertEquals(one[0], NgramTable.inlinePosting(e1));
        assertEquals(7, ModelFile.language(NgramTable.inlinePosting(e1)));
        assertEquals(-1234, ModelFile.score(NgramTable.inlinePosting(e1)));

        long e3 = b.entry(few);
        assertFalse(NgramTable.isInline(e3));
        assertEquals(3, NgramTable.runCount(e3));
        int start = NgramTable.runStart(e3);
        assertArrayEquals(three, Arrays.copyOfRange(b.runs.toArray(), start, start + 3));

        long e30 = b.entry(many);
        assertFalse(NgramTable.isInline(e30));
        assertEquals(NgramTable.DENSE, NgramTable.runCount(e30));
        int[] vector = Arrays.copyOfRange(b.dense.toArray(), NgramTable.runStart(e30) * LANGUAGES,
                (NgramTable.runStart(e30) + 1) * LANGUAGES);
        for (int lang = 0; lang < LANGUAGES; lang++) {
            int expected = lang < 30 ? ModelFile.score(thirty[lang]) : 0;
            assertEquals(expected, vector[lang], "language " + lang);
        }
        for (long k : b.keys) {
            assertTrue(NgramTable.matches(b.entry(k), k));
        }
    }

    @Test
    void densityThresholdIsMinPostings() {
        long[] keys = {key("ab"), key("cd")};
        Built b = new Built(keys, new int[][] {postingsFor(DENSE_MIN - 1, 1), postingsFor(DENSE_MIN, 2)});
        assertEquals(DENSE_MIN - 1, NgramTable.runCount(b.entry(keys[0])));
        assertEquals(NgramTable.DENSE, NgramTable.runCount(b.entry(keys[1])));
        assertEquals(DENSE_MIN - 1, b.runs.size());
        assertEquals(1, b.dense.size());
    }

    @Test
    void absentKeysResolveToZero() {
        Built b = new Built(new long[] {key("a"), key("b"), key("c")},
                new int[][] {postingsFor(1, 1), postingsFor(2, 2), postingsFor(30, 3)});
        for (String absent : new String[] {"d", "ab", "abc", "é", "中"}) {
            long k = key(absent);
            long first = b.table.slotEntry(k);
            assertEquals(0, first == 0 ? 0 : b.table.resolve(k, first), absent);
        }
    }

    @Test
    void runsAndDenseVectorsAreSharedBetweenTables() {
        NgramTable.PostingRuns runs = new NgramTable.PostingRuns();
        NgramTable.DenseVectors dense = new NgramTable.DenseVectors(LANGUAGES, DENSE_MIN);
        long[] keys = {key("a"), key("ab")};
        int[] starts = {0, 3, 6};
        int[] postings = new int[6];
        System.arraycopy(postingsFor(3, 1), 0, postings, 0, 3);
        System.arraycopy(postingsFor(3, 9), 0, postings, 3, 3);
        NgramTable first = new NgramTable(keys, 0, 1, starts, postings, runs, dense);
        NgramTable second = new NgramTable(keys, 1, 2, starts, postings, runs, dense);
        long e = second.resolve(keys[1], second.slotEntry(keys[1]));
        assertEquals(3, NgramTable.runStart(e), "the second table's run follows the first's");
        assertArrayEquals(postingsFor(3, 9), Arrays.copyOfRange(runs.toArray(), 3, 6));
        assertEquals(0, first.slotEntry(keys[1]) != 0 && NgramTable.matches(first.slotEntry(keys[1]), keys[1]) ? 1 : 0,
                "each table holds only its own key range");
    }

    @Test
    void manyRandomKeysAreAllFoundIncludingPastTheirFirstSlot() {
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(42);
        Set<Long> seen = new HashSet<>();
        long[] keys = new long[n];
        int[][] postings = new int[n][];
        for (int i = 0; i < n; i++) {
            long k;
            do {
                k = random.nextLong();
            } while (!seen.add(k));
            keys[i] = k;
            int count = i % 10 == 0 ? 2 + i % 5 : 1;
            postings[i] = new int[count];
            for (int j = 0; j < count; j++) {
                postings[i][j] = ModelFile.posting((i + j) % LANGUAGES, (i % 1000) - 500 - j);
            }
        }
        Built b = new Built(keys, postings);
        int[] runs = b.runs.toArray();
        int displaced = 0;
        for (int i = 0; i < n; i++) {
            long first = b.table.slotEntry(keys[i]);
            if (!NgramTable.matches(first, keys[i])) {
                displaced++;
            }
            long e = b.table.resolve(keys[i], first);
            assertTrue(NgramTable.matches(e, keys[i]), "key " + i);
            if (postings[i].length == 1) {
                assertTrue(NgramTable.isInline(e));
                assertEquals(postings[i][0], NgramTable.inlinePosting(e), "key " + i);
            } else {
                int start = NgramTable.runStart(e);
                assertArrayEquals(postings[i], Arrays.copyOfRange(runs, start, start + NgramTable.runCount(e)), "key " + i);
            }
        }
        assertTrue(displaced > n / 10, "the test must exercise probing past the first slot: " + displaced);
        // Absent random keys: at a 30-bit fingerprint, a false hit among 10k lookups is ~1e-5 likely.
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            long k = random.nextLong();
            long first = b.table.slotEntry(k);
            if (!seen.contains(k) && first != 0 && b.table.resolve(k, first) != 0) {
                hits++;
            }
        }
        assertEquals(0, hits);
    }

    @Test
    void keysSharingTheFirstSlotAreBothFound() {
        // Same low 32 bits (so the same first slot), different high bits (fingerprints).
        long a = 0x1234_5678_0000_0001L;
        long c = 0x7654_3210_0000_0001L;
        Built b = new Built(new long[] {a, c}, new int[][] {{ModelFile.posting(1, 10)}, {ModelFile.posting(2, -20)}});
        assertEquals(b.table.slotOf(a), b.table.slotOf(c));
        assertEquals(ModelFile.posting(1, 10), NgramTable.inlinePosting(b.entry(a)));
        assertEquals(ModelFile.posting(2, -20), NgramTable.inlinePosting(b.entry(c)));
    }

    @Test
    void keysTheTableCannotTellApartAreRefused() {
        long k = key("ab");
        assertThrows(IllegalArgumentException.class,
                () -> new Built(new long[] {k, k}, new int[][] {postingsFor(1, 1), postingsFor(1, 2)}));
    }

    @Test
    void emptyTableFindsNothing() {
        Built b = new Built(new long[0], new int[0][]);
        assertEquals(0, b.table.slotEntry(key("a")));
        assertTrue(b.table.memoryBytes() > 0);
    }
}
