package dev.winnow.quality;

import org.junit.jupiter.api.Test;

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
}
