package dev.winnow.dedup.decontam;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordTokensTest {
    private static List<String> words(String text) {
        WordTokens t = new WordTokens().tokenize(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.word(i));
        }
        return out;
    }

    @Test
    void wordsAreLowerCasedWordCharacterRuns() {
        assertEquals(List.of("the", "quick", "brown_fox", "jumped", "3", "times", "don", "t", "stop"),
                words("The QUICK brown_fox -- jumped 3 times!\n\"Don't\" stop..."));
    }

    @Test
    void unicodeLettersAndNumbersAreWordCharactersLikePythons() {
        assertEquals(List.of("straße", "café", "naïve", "x²", "ⅻ", "日本語"), words("Straße, CAFÉ; naïve x² Ⅻ 日本語"));
        // A combining accent is not \w in Python: "e\u0301" splits after the e.
        assertEquals(List.of("cafe", "s"), words("cafe\u0301s"));
        assertTrue(WordTokens.isWordChar('_'));
        assertFalse(WordTokens.isWordChar('-'));
        assertFalse(WordTokens.isWordChar(0x301));
    }

    @Test
    void supplementaryLettersAreOneWordAndCaseFolded() {
        String deseretUpper = new String(Character.toChars(0x10400)); // DESERET CAPITAL LETTER LONG I
        String deseretLower = new String(Character.toChars(0x10428));
        WordTokens a = new WordTokens().tokenize("x" + deseretUpper + "y z");
        WordTokens b = new WordTokens().tokenize("X" + deseretLower + "Y Z");
        assertEquals(2, a.size());
        assertEquals(4, a.end(0));
        assertEquals(a.hash(0), b.hash(0));
    }

    @Test
    void spansPointIntoTheOriginalText() {
        String text = "  Hello, World!  ";
        WordTokens t = new WordTokens().tokenize(text);
        assertEquals(2, t.size());
        assertEquals("Hello", text.substring(t.start(0), t.end(0)));
        assertEquals("World", text.substring(t.start(1), t.end(1)));
    }

    @Test
    void ngramHashesIgnoreCaseAndSeparatorsButNotWordsOrOrder() {
        WordTokens a = new WordTokens().tokenize("one two three four five");
        WordTokens b = new WordTokens().tokenize("zero ONE, two;\n\nthree -- Four five six");
        assertEquals(a.ngram(0, 5), b.ngram(1, 5));
        assertEquals(a.ngram(1, 3), b.ngram(2, 3));
        assertNotEquals(a.ngram(0, 3), a.ngram(1, 3));
        WordTokens swapped = new WordTokens().tokenize("two one three four five");
        assertNotEquals(a.ngram(0, 5), swapped.ngram(0, 5));
        // Word boundaries count: "ab c" is not "a bc".
        assertNotEquals(new WordTokens().tokenize("ab c").ngram(0, 2), new WordTokens().tokenize("a bc").ngram(0, 2));
        assertEquals("two three four", a.words(1, 3));
    }

    @Test
    void reusedTokensForgetThePreviousText() {
        WordTokens t = new WordTokens();
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            big.append("w").append(i).append(' ');
        }
        t.tokenize(big.toString());
        assertEquals(1000, t.size());
        long fresh = new WordTokens().tokenize("a b c").ngram(0, 3);
        t.tokenize("a b c");
        assertEquals(3, t.size());
        assertEquals(fresh, t.ngram(0, 3));
        assertEquals(0, t.tokenize("... !!! ---").size());
    }
}
