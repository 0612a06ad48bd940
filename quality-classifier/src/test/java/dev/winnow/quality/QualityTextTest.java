package dev.winnow.quality;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QualityTextTest {
    @Test
    void shortTextOnlyLosesItsNewlines() {
        assertEquals("one two  three", QualityText.prepare("one\ntwo\n\nthree"));
        assertEquals("", QualityText.prepare(""));
        assertEquals("", QualityText.prepare(null));
    }

    @Test
    void longTextIsTheLast1500OfTheFirst4000Characters() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            s.append((char) ('a' + i % 26));
        }
        String text = s.toString();
        assertEquals(text.substring(2500, 4000), QualityText.prepare(text));
        // Between 1,500 and 4,000 characters: the last 1,500.
        assertEquals(text.substring(1000, 2500), QualityText.prepare(text.substring(0, 2500)));
        assertEquals(text.substring(0, 1500), QualityText.prepare(text.substring(0, 1500)));
    }

    /** Characters are code points, as in Python: an emoji counts once and is never split. */
    @Test
    void countsCodePointsNotCharsAndNeverSplitsAPair() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(4100);
        String prepared = QualityText.prepare(text);
        assertEquals(1500, prepared.codePointCount(0, prepared.length()));
        assertEquals(emoji.repeat(1500), prepared);
    }

    /** The definition, over the whole text: flatten, count, cut. */
    private static String wholeTextReference(String text) {
        String flat = text.replace('\n', ' ');
        int codePoints = flat.codePointCount(0, flat.length());
        int head = Math.min(codePoints, QualityText.HEAD_CHARS);
        int headEnd = flat.offsetByCodePoints(0, head);
        int start = head <= QualityText.TAIL_CHARS ? 0 : flat.offsetByCodePoints(0, head - QualityText.TAIL_CHARS);
        return flat.substring(start, headEnd);
    }

    /**
     * Reading only the head gives what the whole text gives: lengths around both cuts, newlines,
     * surrogate pairs, and lone surrogates (one code point each, as {@code codePointCount} says).
     */
    @Test
    void readingOnlyTheHeadAgreesWithTheWholeTextDefinition() {
        Random r = new Random(11);
        String[] pieces = {"a", "b", " ", "\n", "\u00e9", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u4e2d"};
        int[] lengths = {1, 2, 1499, 1500, 1501, 3999, 4000, 4001, 4002, 8000, 20000};
        // a pair across the 4,000th char: the 4,000th code point is the whole emoji
        String across = "a".repeat(3999) + "\uD83D\uDE00" + "b".repeat(100);
        assertEquals("a".repeat(1499) + "\uD83D\uDE00", QualityText.prepare(across));
        assertEquals(wholeTextReference(across), QualityText.prepare(across));
        for (int trial = 0; trial < 400; trial++) {
            int n = trial < lengths.length ? lengths[trial] : r.nextInt(9000);
            StringBuilder s = new StringBuilder();
            while (s.length() < n) {
                s.append(pieces[r.nextInt(trial % 2 == 0 ? 4 : pieces.length)]);
            }
            String text = s.toString();
            assertEquals(wholeTextReference(text), QualityText.prepare(text), "trial " + trial + ", " + text.length() + " chars");
        }
    }
}
