package dev.winnow.jobs.ingest.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StopWordCounterTest {

    private static final StopWordCounter EN = counter("en");

    private static StopWordCounter counter(String... isos) {
        return new StopWordCounter(List.of(isos).stream().map(StopWords::forLanguage).toList());
    }

    /** Returns {words, stop words} for a single-language counter. */
    private static int[] count(StopWordCounter c, String text) {
        int[] stops = new int[c.languages()];
        int words = c.count(text, stops);
        return new int[] {words, stops[0]};
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|0|0",
                "'   '|0|0",
                "'--- !!! ...'|0|0",
                "The cat and the dog.|5|3",
                "THE CAT|2|1",
                "the,the;the:the|4|4",
                "Don't stop|2|1",
                "don’t stop|2|1",
                "It's 42 degrees|3|1",
                "well-known|2|0",
                "Rock'n'roll was|2|1",
                "'quoted' text|2|0",
                "trailing' apostrophe|2|0"
            })
    void tokenisesEnglish(String text, int words, int stops) {
        assertArrayEquals(new int[] {words, stops}, count(EN, text), text);
    }

    @Test
    void countsAllLanguagesInOnePass() {
        StopWordCounter c = counter("en", "de", "fr");
        int[] stops = new int[3];
        int words = c.count("the und le the", stops);
        assertEquals(4, words);
        assertArrayEquals(new int[] {2, 1, 1}, stops);
        // counts accumulate into the caller's array
        c.count("und", stops);
        assertArrayEquals(new int[] {2, 2, 1}, stops);
    }

    @Test
    void frenchElisionCountsTheArticle() {
        StopWordCounter fr = counter("fr");
        assertArrayEquals(new int[] {3, 2}, count(fr, "l'homme d’affaires arrive"));
        // the elided part is looked up even when the whole token is long
        assertArrayEquals(new int[] {1, 1}, count(fr, "l'administrationnationalefrançaise"));
    }

    @Test
    void italianElisionCountsTheArticulatedPreposition() {
        assertArrayEquals(new int[] {2, 1}, count(counter("it"), "dell'anno scorso"));
    }

    @Test
    void englishApostropheSuffixIsNotAStopWord() {
        // "o" is not an English stop word, so "o'clock" is plain content
        assertArrayEquals(new int[] {2, 0}, count(EN, "five o'clock"));
    }

    @Test
    void nonLatinScriptsAreWords() {
        assertArrayEquals(new int[] {3, 1}, count(counter("ru"), "Дом и сад"));
        assertArrayEquals(new int[] {2, 0}, count(EN, "日本語 テキスト"));
        // Devanagari vowel signs are combining marks and must not split the word
        assertArrayEquals(new int[] {1, 0}, count(EN, "हिन्दी"));
    }

    @Test
    void nonLetterSymbolsAreSeparators() {
        assertArrayEquals(new int[] {2, 2}, count(EN, "the\u00A0and"));
        assertArrayEquals(new int[] {3, 0}, count(EN, "foo😀bar baz"));
        assertArrayEquals(new int[] {2, 1}, count(EN, "a/b"));
    }

    @Test
    void loneSurrogatesDoNotBreakTokenisation() {
        assertArrayEquals(new int[] {2, 1}, count(EN, "the\uD800word"));
        assertArrayEquals(new int[] {1, 1}, count(EN, "\uDC00the"));
    }

    @Test
    void wordCharClassification() {
        assertTrue(StopWordCounter.isWordChar('a'));
        assertTrue(StopWordCounter.isWordChar('7'));
        assertTrue(StopWordCounter.isWordChar('ß'));
        assertTrue(StopWordCounter.isWordChar(0x0301)); // combining acute accent
        assertFalse(StopWordCounter.isWordChar('-'));
        assertFalse(StopWordCounter.isWordChar(' '));
        assertFalse(StopWordCounter.isWordChar('\''));
    }
}
