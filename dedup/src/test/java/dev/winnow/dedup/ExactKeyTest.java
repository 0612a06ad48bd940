package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ExactKeyTest {
    private final ExactKey normalized = new ExactKey(true);
    private final ExactKey raw = new ExactKey(false);

    /** Known SHA-1 digests: of the text itself, and of its normalized form "hello world". */
    @Test
    void isSha1OfTheTextOrOfItsNormalizedForm() {
        assertEquals("0a0a9f2a6772942557ab5355d76af442f8f65e01", raw.of("Hello, World!"));
        assertEquals("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed", normalized.of("Hello, World!"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", raw.of(""));
    }

    @Test
    void normalizationExamples() {
        assertEquals("hello world", ExactKey.normalized("  HELLO,\n\tWorld!!  "));
        assertEquals("its a dogs life", ExactKey.normalized("It's a dog’s life..."), "punctuation goes without a gap");
        assertEquals("a b", ExactKey.normalized("a\u00A0\u2003b"), "no-break and em spaces are whitespace");
        assertEquals("price 42", ExactKey.normalized("Price: $42 ©"), "symbols go");
        assertEquals("straße über", ExactKey.normalized("STRAßE Über"));
        assertEquals("", ExactKey.normalized(" ... !!! "));
        // Combining marks stay (they are part of letters: Devanagari vowel signs, accents).
        assertEquals("नमस्ते", ExactKey.normalized("नमस्ते"));
        assertNotEquals(ExactKey.normalized("cafe"), ExactKey.normalized("café"));
    }

    @Test
    void copiesDifferingInCaseSpacingPunctuationOrAccentEncodingShareAKey() {
        String text = "The Licence: you may copy, modify and café-distribute this software.";
        String copy = "the licence you may copy modify\n\n  and \"cafe\u0301-distribute\" THIS software";
        assertEquals(normalized.of(text), normalized.of(copy));
        assertNotEquals(raw.of(text), raw.of(copy));
        assertEquals(ExactKey.normalized("é"), ExactKey.normalized("e\u0301"), "NFC: composed and decomposed é");
        assertEquals(normalized.of("Å"), normalized.of("A\u030A"));
    }

    @Test
    void differentTextsDiffer() {
        assertNotEquals(normalized.of("the cat sat"), normalized.of("the cat sat down"));
        assertNotEquals(normalized.of("the cat sat"), normalized.of("the cats at"));
        assertNotEquals(normalized.of("résumé"), normalized.of("resume"));
        assertNotEquals(normalized.of("1 2"), normalized.of("12"));
    }

    @Test
    void keyIsFortyHexDigitsAndReusable() {
        String first = normalized.of("some text");
        normalized.of("something else entirely");
        assertEquals(first, normalized.of("some text"));
        assertEquals(40, first.length());
        assertEquals(first, first.replaceAll("[^0-9a-f]", ""));
    }
}
