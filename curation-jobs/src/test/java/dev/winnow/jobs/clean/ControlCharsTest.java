package dev.winnow.jobs.clean;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which chars ControlChars changes, every one of the 65,536, alone and at the ends of a text. */
class ControlCharsTest {

    /** The rules, written out here rather than taken from the code under test. */
    private static boolean changes(char c) {
        return c == '\r' // to LF
                || c < 0x20 && c != '\t' && c != '\n' // C0 controls
                || c >= 0x7F && c <= 0x9F // DEL and C1 controls
                || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF // BOM, noncharacters
                || c >= 0xD800 && c <= 0xDFFF; // surrogates, alone (pairs are tested below)
    }

    @Test
    void aTextComesBackAsItIsExactlyWhenNoCharOfItChanges() {
        for (int c = 0; c <= 0xFFFF; c++) {
            char ch = (char) c;
            for (String s : new String[] {"a" + ch + "b", String.valueOf(ch), "plain text " + ch, ch + " text"}) {
                String cleaned = ControlChars.clean(s);
                assertEquals(!changes(ch), cleaned == s, () -> String.format("U+%04X in \"%s\"", (int) ch, s));
                if (ch == '\r') {
                    assertEquals(s.replace('\r', '\n'), cleaned);
                } else if (changes(ch)) {
                    assertEquals(s.replace(String.valueOf(ch), ""), cleaned, String.format("U+%04X", c));
                }
            }
        }
    }

    @Test
    void surrogatePairsStayAndLoneHalvesGo() {
        String pair = "x\uD83D\uDE00y";
        assertSame(pair, ControlChars.clean(pair));
        String pairs = "\uD83D\uDE00\uD83D\uDE00";
        assertSame(pairs, ControlChars.clean(pairs));
        assertEquals("ab", ControlChars.clean("a\uD83Db"));
        assertEquals("ab", ControlChars.clean("a\uDE00b"));
        assertEquals("a", ControlChars.clean("a\uD83D"));
        assertEquals("\uD83D\uDE00", ControlChars.clean("\uDE00\uD83D\uDE00\uD83D"));
        assertEquals("a\nb\nc", ControlChars.clean("a\r\nb\rc"));
    }
}
