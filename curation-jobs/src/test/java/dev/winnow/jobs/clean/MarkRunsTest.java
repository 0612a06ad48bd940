package dev.winnow.jobs.clean;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkRunsTest {
    @Test
    void ordinaryTextIsUntouched() {
        String s = "Ŝ̂ë́ Việt Nam, हिन्दी, ภาษาไทย, e\u0301\u0323\u0302 and plain words";
        assertSame(s, MarkRuns.cap(s));
    }

    @Test
    void noCodePointBelowTheFirstMarkBlockIsAMark() {
        for (int cp = 0; cp < MarkRuns.FIRST_MARK_BLOCK; cp++) {
            assertEquals(false, MarkRuns.isMark(cp), "U+" + Integer.toHexString(cp));
        }
        assertTrue(MarkRuns.isMark(MarkRuns.FIRST_MARK_BLOCK), "U+0300 is a combining grave accent");
    }

    @Test
    void aRunIsCountedAcrossMarksAboveTheFastPathAndResetByALetterBelowIt() {
        String marks = "\u0301".repeat(MarkRuns.MAX + 5);
        assertEquals("a" + "\u0301".repeat(MarkRuns.MAX) + "b", MarkRuns.cap("a" + marks + "b"));
        String split = "a" + "\u0301".repeat(20) + "b" + "\u0301".repeat(20);
        assertSame(split, MarkRuns.cap(split), "a letter between two runs of 20 resets the count");
    }

    @Test
    void aZalgoFloodIsCutTo30MarksPerRunAndCleansInBoundedTime() {
        StringBuilder b = new StringBuilder("Prose before. Z");
        for (int i = 0; i < 200_000; i++) {
            b.append((char) (i % 2 == 0 ? 0x0301 + i % 8 : 0x0316 + i % 8)); // alternating classes 230/220
        }
        String flood = b.append(" and after.").toString();
        String capped = MarkRuns.cap(flood);
        assertEquals("Prose before. Z".length() + 30 + " and after.".length(), capped.length());
        long t0 = System.nanoTime();
        String cleaned = new TextCleaner(CleanParams.defaults()).normalize(flood);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, ms + " ms (was 56 s before the cap)");
        assertTrue(Normalizer.isNormalized(cleaned, Normalizer.Form.NFC));
        assertTrue(cleaned.endsWith(" and after."), cleaned);
    }
}
