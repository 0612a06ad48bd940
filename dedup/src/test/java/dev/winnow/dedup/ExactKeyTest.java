package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.SplittableRandom;

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

    /** The normalization as first written (a String, code point by code point): the keys must not change. */
    private static String reference(String text) {
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(Character.toLowerCase(cp));
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = true;
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    @Test
    void sameKeysAsTheFirstNormalizationOnAnyText() throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        String[] pieces = {"a", "Z", "7", " ", "  ", "\n", "\t", "\u000B", "\u001C", "\u001F", "\u007F", ",", "'", "_",
            "\u00A0", "\u00C9", "\u00E9", "e\u0301", "\u0130", "\u023A", "\u03A3", "\u1E9E", "\u2003", "\u2028", "\u3000",
            "\u0928\u092E\u0938\u094D\u0924\u0947", "\u4E2D", "\uD801\uDC00", "\uD83D\uDE00", "\uD800", "\uDC00",
            "\u00AD", "\u200D", "\uFB01", "\u212B", "A\u030A", "\u0345", "\uFF21"};
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            String expected = reference(text);
            assertEquals(expected, ExactKey.normalized(text), text);
            assertEquals(HexFormat.of().formatHex(sha1.digest(expected.getBytes(StandardCharsets.UTF_8))), normalized.of(text), text);
        }
        // Every BMP char alone and between letters.
        for (int c = 0; c <= 0xFFFF; c++) {
            String text = "a" + (char) c + "b " + (char) c;
            String name = String.format("U+%04X", c);
            assertEquals(reference(text), ExactKey.normalized(text), name);
        }
    }
}
