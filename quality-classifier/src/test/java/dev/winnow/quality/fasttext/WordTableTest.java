package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packed lookup: every entry found by its slice, nothing else found, whatever the hashes. */
class WordTableTest {

    @Test
    void findsEveryEntryOfALargeVocabularyByItsSliceAndNothingElse() {
        // More than 2^16 entries, so ids need both halves of the record's id.
        int n = 70_000;
        String[] entries = new String[n];
        int[] hashes = new int[n];
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            entries[i] = "w" + i + (i % 3 == 0 ? "é" : "") + (i % 7 == 0 ? "中文" : "");
            hashes[i] = FastTextDictionary.hash(entries[i]);
        }
        WordTable table = new WordTable(entries, hashes);
        for (int i = 0; i < n; i += 1 + random.nextInt(5)) {
            String line = "x " + entries[i] + " y";
            assertEquals(i, table.find(line, 2, 2 + entries[i].length(), hashes[i]), entries[i]);
            String unknown = entries[i] + "z";
            assertEquals(-1, table.find(unknown, 0, unknown.length(), FastTextDictionary.hash(unknown)), unknown);
        }
    }

    /** One hash for all: the slots chain, and length and characters decide. */
    @Test
    void entriesWithTheSameHashAreToldApartByLengthAndCharacters() {
        String[] entries = {"abc", "ab", "abd", "abcd", "😀b", "a"};
        int[] hashes = new int[entries.length]; // all 0
        WordTable table = new WordTable(entries, hashes);
        for (int i = 0; i < entries.length; i++) {
            assertEquals(i, table.find(entries[i], 0, entries[i].length(), 0), entries[i]);
        }
        assertEquals(-1, table.find("abe", 0, 3, 0));
        assertEquals(-1, table.find("abcde", 0, 5, 0));
        assertEquals(-1, table.find("b", 0, 1, 0));
        assertEquals(-1, table.find("abc", 0, 3, 1)); // same text, another hash
    }

    @Test
    void theFirstOfEqualEntriesWins() {
        String[] entries = {"dup", "other", "dup"};
        int[] hashes = {FastTextDictionary.hash("dup"), FastTextDictionary.hash("other"), FastTextDictionary.hash("dup")};
        assertEquals(0, new WordTable(entries, hashes).find("dup", 0, 3, hashes[0]));
    }

    @Test
    void anEntryLongerThanACharCanCountIsFoundWhole() {
        String longWord = "ab".repeat(40_000); // 80,000 chars: the length needs both halves too
        String[] entries = {"a", longWord, longWord.substring(0, 80_000 - 65_536)};
        int[] hashes = new int[entries.length]; // one chain, so lengths must be read whole
        WordTable table = new WordTable(entries, hashes);
        assertEquals(1, table.find(longWord, 0, longWord.length(), 0));
        assertEquals(2, table.find(entries[2], 0, entries[2].length(), 0));
        assertEquals(-1, table.find(longWord + "a", 0, longWord.length() + 1, 0));
    }

    /** Hash 0 on an empty slot looks like an empty slot's hash part: it must not be read as a record. */
    @Test
    void readingAheadTakesAnyHashAndChangesNoLookup() {
        String[] entries = {"hello", "world"};
        int[] hashes = {FastTextDictionary.hash("hello"), FastTextDictionary.hash("world")};
        WordTable table = new WordTable(entries, hashes);
        IntList tokens = new IntList();
        for (int h : new int[] {hashes[0], 0, 12345, -1, hashes[1]}) {
            tokens.add(0);
            tokens.add(0);
            tokens.add(h);
        }
        table.readAhead(tokens);
        assertEquals(0, table.find("hello", 0, 5, hashes[0]));
        assertEquals(1, table.find("world", 0, 5, hashes[1]));
    }
}
