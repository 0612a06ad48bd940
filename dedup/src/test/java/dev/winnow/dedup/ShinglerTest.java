package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShinglerTest {

    private static long[] words(int n, String text) {
        return new Shingler(ShingleUnit.WORD, n).shingles(text);
    }

    private static long[] chars(int n, String text) {
        return new Shingler(ShingleUnit.CHAR, n).shingles(text);
    }

    @Test
    void wordsAreLowerCased() {
        assertArrayEquals(words(2, "the quick brown fox"), words(2, "The QUICK Brown fOX"));
        assertArrayEquals(words(2, "über die straße"), words(2, "ÜBER DIE Straße"));
        assertArrayEquals(words(1, "αβγ δεζ"), words(1, "ΑΒΓ ΔΕΖ"));
    }

    @Test
    void punctuationIsIgnored() {
        assertArrayEquals(words(3, "hello world foo bar"), words(3, "Hello, world! (foo) -- bar..."));
        assertArrayEquals(words(3, "hello world foo bar"), words(3, "\"hello\"\n\nworld;\tfoo? bar"));
    }

    @Test
    void unicodeWordsIncludingSingleIdeographs() {
        Shingler s = new Shingler(ShingleUnit.WORD, 1);
        assertEquals(4, s.shingles("我爱北京").length, "StandardTokenizer emits one token per ideograph");
        assertEquals(4, s.lastTokenCount());
        s.shingles("Привет, мир! Γειά σου κόσμε. مرحبا بالعالم");
        assertEquals(7, s.lastTokenCount());
        assertArrayEquals(words(2, "我 爱 北 京"), words(2, "我爱北京"), "spaces between ideographs change nothing");
        assertNotEquals(words(2, "我爱北京")[0], words(2, "京北爱我")[0]);
    }

    @Test
    void countsOfNGrams() {
        Shingler s = new Shingler(ShingleUnit.WORD, 3);
        assertEquals(8, s.shingles("one two three four five six seven eight nine ten").length, "10 words, 8 trigrams");
        assertEquals(10, s.lastTokenCount());
        assertEquals(2, words(2, "a b a b a b a").length, "repeated bigrams are one shingle each: {a b, b a}");
        assertEquals(1, words(1, "spam spam SPAM Spam").length);
    }

    @Test
    void shortTextIsOneShingleAndEmptyTextNone() {
        assertEquals(1, words(5, "just three words").length);
        assertArrayEquals(words(3, "just three words"), words(5, "just three words"),
                "a short text's shingle is the n-gram of all its words");
        assertEquals(0, words(5, "").length);
        assertEquals(0, words(5, "  \n\t ").length);
        assertEquals(0, words(5, "... !!! ---").length);
        assertEquals(0, chars(5, " \n ").length);
        assertEquals(1, chars(5, "abc").length);
    }

    @Test
    void charShinglesCollapseWhitespaceAndLowerCase() {
        assertArrayEquals(chars(3, "a b c"), chars(3, "  A \n\t B\r\n\u00A0c  "));
        assertArrayEquals(chars(4, "hello"), chars(4, "HELLO"));
        Shingler s = new Shingler(ShingleUnit.CHAR, 3);
        assertEquals(4, s.shingles("abcdef").length);
        assertEquals(6, s.lastTokenCount());
        assertEquals(1, s.shingles("😀😀x").length, "code points, not chars: 3 of them make one 3-gram");
        assertEquals(3, s.lastTokenCount());
        assertFalse(java.util.Arrays.equals(chars(3, "ab c"), chars(3, "abc")), "a space is a character");
    }

    @Test
    void sameTextSameShinglesAcrossCallsAndInstances() {
        String text = "It was the best of times, it was the worst of times, it was the age of wisdom.";
        Shingler reused = new Shingler(ShingleUnit.WORD, 5);
        long[] first = reused.shingles(text);
        reused.shingles("something else in between");
        assertArrayEquals(first, reused.shingles(text));
        assertArrayEquals(first, new Shingler(ShingleUnit.WORD, 5).shingles(text));
        assertArrayEquals(chars(7, text), chars(7, text));
    }

    @Test
    void reorderedWordsHashDifferently() {
        assertNotEquals(words(5, "a b c d e")[0], words(5, "e d c b a")[0]);
        assertNotEquals(words(2, "x y")[0], words(2, "y x")[0]);
        assertNotEquals(words(2, "x y")[0], words(1, "xy")[0]);
    }

    @Test
    void shinglesAreSortedAndDistinct() {
        long[] s = words(2, "to be or not to be that is the question to be or not");
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i - 1] < s[i]);
        }
        assertEquals(9, s.length); // to be, be or, or not, not to, be that, that is, is the, the question, question to
    }

    @Test
    void sharedNGramsMeanSharedShingles() {
        long[] a = words(3, "the quick brown fox jumps over the lazy dog");
        long[] b = words(3, "a quick brown fox jumps over a sleeping cat");
        assertEquals(3, Jaccard.intersection(a, b), "quick brown fox, brown fox jumps, fox jumps over");
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new Shingler(ShingleUnit.WORD, 0));
        assertThrows(IllegalArgumentException.class, () -> new Shingler(ShingleUnit.CHAR, 65));
    }
}
