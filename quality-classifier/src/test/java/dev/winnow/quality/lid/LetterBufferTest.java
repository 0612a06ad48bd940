package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.Character.UnicodeScript;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The letter stream is what the n-gram models see: its word breaks decide which n-grams exist. */
class LetterBufferTest {
    private final LetterBuffer buffer = new LetterBuffer(LidOptions.DEFAULT);

    private int[] letters(String text) {
        buffer.read(text, LidOptions.DEFAULT);
        return Arrays.copyOf(buffer.codePoints, buffer.length);
    }

    /** Code points of the string, with '|' standing for a word break (-1). */
    private static int[] expected(String s) {
        return s.codePoints().map(c -> c == '|' ? -1 : c).toArray();
    }

    private static int script(UnicodeScript s) {
        return s.ordinal();
    }

    @Test
    void lowercasesAndEndsEveryWordWithABreak() {
        assertArrayEquals(expected("hello|world|"), letters("Hello, World!"));
        assertEquals(10, buffer.letters);
        assertArrayEquals(expected("straße|ΣΟΦΙΑ|".toLowerCase(java.util.Locale.ROOT).replace('ς', 'σ')),
                letters("STRAßE ΣΟΦΙΑ"));
    }

    @Test
    void digitsPunctuationAndSpacesBecomeOneBreakNeverLeading() {
        assertArrayEquals(expected("abc|de|f|"), letters("  42 ... abc  -- 7de!!?f"));
        assertArrayEquals(expected("x|"), letters("x\t\n\r 1 2 3 ;;;"));
        int[] cps = letters("(1) first, (2) second; (3) third...");
        assertTrue(cps[0] >= 0, "no break before the first letter");
        for (int i = 1; i < cps.length; i++) {
            assertTrue(cps[i] >= 0 || cps[i - 1] >= 0, "double break at " + i);
        }
    }

    /**
     * Every ASCII character, alone and between letters of other scripts, as the Unicode
     * properties the non-ASCII path reads say: the ASCII shortcut must not change a letter, a
     * break, a script or a byte count.
     */
    @Test
    void asciiShortcutAgreesWithUnicodeProperties() {
        for (char c = 0; c < 0x80; c++) {
            for (String context : new String[] {"%s", "é%sé", "ж%sж", "a%sb", "%s\u0301x"}) {
                String text = context.replace("%s", String.valueOf(c));
                int[] got = letters(text);
                long[] bytes = buffer.scriptBytes.clone();
                int count = buffer.letters;
                java.util.List<Integer> want = new java.util.ArrayList<>();
                long[] wantBytes = new long[Scripts.count()];
                int wantCount = 0;
                for (int cp : text.codePoints().toArray()) {
                    int type = Character.getType(cp);
                    boolean letter = type == Character.LOWERCASE_LETTER || type == Character.UPPERCASE_LETTER
                            || type == Character.OTHER_LETTER || type == Character.MODIFIER_LETTER
                            || type == Character.TITLECASE_LETTER;
                    boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                            || type == Character.ENCLOSING_MARK;
                    if (letter) {
                        int lower = Character.toLowerCase(cp);
                        want.add(lower);
                        wantBytes[Scripts.of(lower)] += new String(Character.toChars(lower))
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                        wantCount++;
                    } else if (!mark && !want.isEmpty() && want.get(want.size() - 1) >= 0) {
                        want.add(-1);
                    }
                }
                if (!want.isEmpty() && want.get(want.size() - 1) >= 0) {
                    want.add(-1);
                }
                String where = "char " + (int) c + " in " + context;
                assertArrayEquals(want.stream().mapToInt(Integer::intValue).toArray(), got, where);
                assertArrayEquals(wantBytes, bytes, where);
                assertEquals(wantCount, count, where);
            }
        }
    }

    @Test
    void noLettersGivesAnEmptyBuffer() {
        assertEquals(0, buffer.read("12345 !!! ?? @#$%^&*", LidOptions.DEFAULT));
        assertEquals(0, buffer.length);
        assertEquals(0, buffer.read("", LidOptions.DEFAULT));
        assertEquals(0.0, buffer.shareOf(new boolean[Scripts.count()]));
    }

    @Test
    void combiningMarksAreDroppedWithoutABreak() {
        assertArrayEquals(expected("e|"), letters("e\u0301"));
        assertArrayEquals(expected("naive|"), letters("nai\u0308ve"));
        assertEquals(5, buffer.letters);
        // Precomposed letters stay as they are.
        assertArrayEquals(expected("naïve|"), letters("NAÏVE"));
        // Devanagari vowel signs are marks too: the word stays one word.
        int[] hindi = letters("नमस्ते");
        assertEquals(-1, hindi[hindi.length - 1]);
        for (int i = 0; i < hindi.length - 1; i++) {
            assertTrue(hindi[i] >= 0, "break inside a Devanagari word at " + i);
        }
    }

    @Test
    void supplementaryLettersAreOneCodePoint() {
        assertArrayEquals(new int[] {0x20000, 'a', -1}, letters("\uD840\uDC00a"));
        assertEquals(4, buffer.scriptBytes[script(UnicodeScript.HAN)]);
    }

    @Test
    void scriptBytesCountUtf8BytesPerScript() {
        letters("abc Привет 中文 αβ");
        assertEquals(3, buffer.scriptBytes[script(UnicodeScript.LATIN)]);
        assertEquals(12, buffer.scriptBytes[script(UnicodeScript.CYRILLIC)]);
        assertEquals(6, buffer.scriptBytes[script(UnicodeScript.HAN)]);
        assertEquals(4, buffer.scriptBytes[script(UnicodeScript.GREEK)]);
        assertEquals(0, buffer.scriptBytes[script(UnicodeScript.COMMON)], "spaces are not counted");
        assertEquals(script(UnicodeScript.CYRILLIC), buffer.dominantScript());
        assertEquals(script(UnicodeScript.CYRILLIC), Scripts.of(buffer.codePoints[4]));
    }

    @Test
    void scriptBytesAreResetBetweenTexts() {
        letters("Привет");
        letters("abc");
        assertEquals(0, buffer.scriptBytes[script(UnicodeScript.CYRILLIC)]);
        assertEquals(script(UnicodeScript.LATIN), buffer.dominantScript());
    }

    @Test
    void dominantScriptTieGoesToTheLowerOrdinal() {
        letters("abcd αβ"); // 4 bytes Latin, 4 bytes Greek
        int lower = Math.min(script(UnicodeScript.LATIN), script(UnicodeScript.GREEK));
        assertEquals(lower, buffer.dominantScript());
    }

    @Test
    void shareOfIsTheByteShareOfTheGivenScripts() {
        letters("abcdef Привет"); // 6 Latin bytes, 12 Cyrillic bytes
        boolean[] cyrillic = new boolean[Scripts.count()];
        cyrillic[script(UnicodeScript.CYRILLIC)] = true;
        assertEquals(12.0 / 18.0, buffer.shareOf(cyrillic), 1e-12);
        boolean[] both = cyrillic.clone();
        both[script(UnicodeScript.LATIN)] = true;
        assertEquals(1.0, buffer.shareOf(both), 1e-12);
    }

    @Test
    void longTextIsSampledAndEachWindowEndsWithABreak() {
        String text = "Granite cliffs shelter quiet harbours. ".repeat(3000);
        int count = buffer.read(text, LidOptions.DEFAULT);
        assertTrue(count > 0 && count <= LidOptions.DEFAULT.maxChars(), "letters " + count);
        assertTrue(buffer.length <= buffer.codePoints.length);
        assertEquals(-1, buffer.codePoints[buffer.length - 1]);
    }

    /** Worst case for the buffer size: every char a one-letter word, in every window. */
    @Test
    void bufferNeverOverflows() {
        LidOptions small = new LidOptions(64, 8, 5, 80, 3, 20, 0.5, 4, 3);
        LetterBuffer b = new LetterBuffer(small);
        b.read("a ".repeat(1000), small);
        b.read("a".repeat(1000), small);
        b.read("ab".repeat(1000), small);
        assertTrue(b.letters <= 64);
    }

    /**
     * A window may end between the two halves of a surrogate pair (text without spaces is cut
     * anywhere): the pair is still read whole, as reading the text itself would.
     */
    @Test
    void aSurrogatePairAcrossAWindowsEndIsReadWhole() {
        LidOptions small = new LidOptions(16, 2, 5, 80, 3, 20, 0.5, 4, 3);
        String deseret = new String(Character.toChars(0x10428)); // a lowercase letter, two chars
        String text = "a" + deseret.repeat(40); // 81 chars: windows [0, 8) and [73, 81)
        for (CharSequence t : new CharSequence[] {text, new StringBuilder(text)}) {
            LetterBuffer b = new LetterBuffer(small);
            b.read(t, small);
            assertEquals(9, b.letters, "a and four pairs (the fourth across the end), then four pairs");
            assertEquals(0x10428, b.codePoints[4], "the pair across the first window's end");
            assertEquals(-1, b.codePoints[5]);
        }
    }
}
