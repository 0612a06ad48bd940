package dev.winnow.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextCleanerTest {

    private final TextCleaner cleaner = new TextCleaner(CleanParams.defaults());

    private static TextCleaner withBlankLines(int max) {
        return new TextCleaner(new CleanParams(0, 1_000_000, true, max));
    }

    // --- normalize: mojibake, then controls ---

    @Test
    void repairsMojibakeBeforeDroppingControls() {
        // U+009D is a byte of "”"; dropping controls first would leave "â€".
        assertEquals("He said “hi”", cleaner.normalize("He said â€œhiâ€\u009d"));
    }

    @Test
    void withoutRepairTheC1ByteIsJustDropped() {
        TextCleaner noRepair = new TextCleaner(new CleanParams(0, 100, false, 1));
        assertEquals("He said â€œhiâ€", noRepair.normalize("He said â€œhiâ€\u009d"));
        assertEquals("CafÃ©", noRepair.normalize("CafÃ©"));
    }

    @Test
    void repairsMojibakeInDocument() {
        assertEquals("Café “naïve” — don’t\n\nÜber",
                cleaner.normalize("\uFEFFCafÃ© â€œnaÃ¯veâ€\u009d â€” donâ€™t  \r\n\r\n\r\nÃœber"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NUL|a\u0000b|ab",
        "C0 controls|a\u0001\u0002\u0007\u0008\u000B\u000C\u001B\u001Fb|ab",
        "DEL|a\u007Fb|ab",
        "C1 controls|a\u0080\u0085\u009Fb|ab",
        "BOM at start|\uFEFFhello|hello",
        "ZWNBSP inside|he\uFEFFllo|hello",
        "noncharacters|a\uFFFEb\uFFFFc|abc",
        "lone high surrogate|a\uD800b|ab",
        "lone low surrogate|a\uDC00b|ab",
        "trailing high surrogate|ab\uD83D|ab",
        "tabs kept|a\tb\tc|a\tb\tc",
    })
    void dropsControlCharacters(String name, String in, String expected) {
        assertEquals(expected, cleaner.normalize(in));
    }

    @Test
    void keepsSurrogatePairsAndOtherFormatChars() {
        assertEquals("a😀b", cleaner.normalize("a\uD83D\uDE00b"));
        // Zero-width joiner inside an emoji sequence is not a control to drop.
        assertEquals("👩\u200D💻", cleaner.normalize("👩\u200D💻"));
    }

    @Test
    void unifiesLineBreaks() {
        assertEquals("a\nb\nc", cleaner.normalize("a\r\nb\rc"));
        assertEquals("a\n\nb", cleaner.normalize("a\r\r\nb"));
        assertEquals("a\n\nb", cleaner.normalize("a\r\n\r\nb"));
    }

    // --- normalize: NFC ---

    @Test
    void composesToNfc() {
        assertEquals("é", cleaner.normalize("e\u0301"));
        assertEquals("Café crème", cleaner.normalize("Cafe\u0301 cre\u0300me"));
        assertEquals("가", cleaner.normalize("\u1100\u1161"));
        assertEquals("Å", cleaner.normalize("\u212B")); // ANGSTROM SIGN -> canonical Å
    }

    @Test
    void nfcShortcutIsSoundBelowU0300() {
        // TextCleaner.normalize skips the Normalizer when every char is below U+0300; no char or
        // pair of chars there may change under NFC.
        StringBuilder pair = new StringBuilder("  ");
        for (char a = 0; a < 0x300; a++) {
            if (Character.isSurrogate(a)) {
                continue;
            }
            for (char b = 0; b < 0x300; b++) {
                pair.setCharAt(0, a);
                pair.setCharAt(1, b);
                assertTrue(Normalizer.isNormalized(pair, Normalizer.Form.NFC),
                        () -> Integer.toHexString(pair.charAt(0)) + " " + Integer.toHexString(pair.charAt(1)));
            }
        }
    }

    // --- normalize: layout ---

    @Test
    void stripsTrailingSpacesAndTabsButKeepsIndentation() {
        assertEquals("a\nb\n    code\n\tx", cleaner.normalize("a  \nb\t \n    code \n\tx\t"));
    }

    @Test
    void collapsesBlankLinesIncludingWhitespaceOnlyLines() {
        assertEquals("a\n\nb", cleaner.normalize("a\n\n\n\nb"));
        assertEquals("a\n\nb", cleaner.normalize("a\n \t \n\u00A0\n\u2003\n\nb"));
        assertEquals("a\nb", cleaner.normalize("a\nb"));
        assertEquals("a\n\nb\n\nc", cleaner.normalize("a\n\n\nb\n  \n \nc"));
    }

    @Test
    void maxBlankLinesIsConfigurable() {
        String in = "a\n\n\n\n\nb\n\nc";
        assertEquals("a\nb\nc", withBlankLines(0).normalize(in));
        assertEquals("a\n\n\nb\n\nc", withBlankLines(2).normalize(in));
        assertEquals("a\n\n\n\n\nb\n\nc", withBlankLines(10).normalize(in));
    }

    @Test
    void trimsWholeText() {
        assertEquals("hello", cleaner.normalize("\n\n  hello  \n\n"));
        assertEquals("hello\n\nworld", cleaner.normalize(" \t\u00A0\n hello\n\n\nworld \n\u3000"));
        assertEquals("", cleaner.normalize(" \n\t\r\n\u00A0 "));
        assertEquals("", cleaner.normalize("\u0000\uFEFF"));
        assertEquals("", cleaner.normalize(""));
        assertEquals("", cleaner.normalize(null));
    }

    @Test
    void cleanTextComesBackAsSameInstance() {
        String s = "Hello world.\n\nSecond paragraph, with\ttabs.\nLast line.";
        assertSame(s, cleaner.normalize(s));
        String unicode = "Grüße aus Köln — 日本語 😀\n\nZweiter Absatz.";
        assertSame(unicode, cleaner.normalize(unicode));
    }

    // --- clean ---

    @Test
    void keepsTextWithinBounds() {
        TextCleaner c = new TextCleaner(new CleanParams(5, 20, true, 1));
        CleanResult r = c.clean("  CafÃ© au lait \r\n");
        assertTrue(r.kept());
        assertEquals("Café au lait", r.text());
        assertNull(r.reason());
        assertNull(r.detail());
    }

    @Test
    void dropsEmpty() {
        CleanResult r = cleaner.clean(" \n\u0000\t ");
        assertFalse(r.kept());
        assertEquals(CleanResult.EMPTY, r.reason());
        assertEquals("empty", r.reason());
        assertEquals("", r.text());
        assertEquals(CleanResult.EMPTY, cleaner.clean(null).reason());
    }

    @Test
    void dropsTooShortWithDetail() {
        CleanResult r = cleaner.clean("x".repeat(173));
        assertEquals("too-short", r.reason());
        assertEquals("173 chars < min 200", r.detail());
        assertFalse(r.kept());
    }

    @Test
    void dropsTooLongWithDetail() {
        TextCleaner c = new TextCleaner(new CleanParams(1, 10, true, 1));
        CleanResult r = c.clean("abcdefghijk");
        assertEquals("too-long", r.reason());
        assertEquals("11 chars > max 10", r.detail());
    }

    @Test
    void boundsCountCodePointsNotChars() {
        TextCleaner c = new TextCleaner(new CleanParams(3, 3, true, 1));
        assertEquals(6, "😀😀😀".length());
        assertTrue(c.clean("😀😀😀").kept());
        assertEquals(3, c.clean(" 😀😀😀\n").chars(), "the kept text's length, after trimming");
        assertEquals("2 chars < min 3", c.clean("😀😀").detail());
        assertEquals("4 chars > max 3", c.clean("😀😀😀😀").detail());
    }

    @Test
    void boundsApplyAfterNormalization() {
        TextCleaner c = new TextCleaner(new CleanParams(4, 4, true, 1));
        // 4 code points only once "e\u0301" is composed and the padding trimmed.
        assertTrue(c.clean("  cafe\u0301 \n").kept());
        assertEquals("café", c.clean("  cafe\u0301 \n").text());
    }

    @Test
    void charCountCountsCodePoints() {
        assertEquals(3, TextCleaner.charCount("a😀b"));
        assertEquals(0, TextCleaner.charCount(""));
        assertEquals(0, TextCleaner.charCount(null));
    }

    // --- scale ---

    @Test
    void processesTenMegabytesOfRandomAscii() {
        Random rnd = new Random(1);
        char[] chars = new char[10 * 1024 * 1024];
        for (int i = 0; i < chars.length; i++) {
            int k = rnd.nextInt(100);
            chars[i] = k < 3 ? '\n' : k < 4 ? '\r' : k < 6 ? ' ' : (char) rnd.nextInt(128);
        }
        String in = new String(chars);
        assertSame(in, MojibakeRepair.repair(in));

        String out = assertTimeout(Duration.ofSeconds(30), () -> cleaner.normalize(in));
        assertTrue(out.length() > in.length() / 2 && out.length() < in.length());
        assertFalse(out.contains("\r"));
        assertFalse(out.contains("\n\n\n"));
        assertFalse(out.contains(" \n") || out.contains("\t\n"));
        assertEquals(out.strip(), out);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            assertTrue(c >= 0x20 && c < 0x7F || c == '\n' || c == '\t', "char " + (int) c);
        }
        CleanResult r = cleaner.clean(in);
        assertEquals("too-long", r.reason());
        assertEquals(out.length() + " chars > max 1000000", r.detail());
    }
}
