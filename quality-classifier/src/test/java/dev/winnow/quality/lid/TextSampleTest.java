package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Long texts are scored in a bounded number of windows that must cover the text evenly and not split words. */
class TextSampleTest {
    private static final String[] WORDS = {"river", "a", "mountains", "of", "tea", "garden", "in", "lighthouse", "so"};

    /** Words of varying length separated by single spaces, at least {@code length} chars, trimmed to a word end. */
    private static String prose(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < length; i++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(WORDS[(i * 7) % WORDS.length]);
        }
        return b.toString();
    }

    private static int[] bounds(String text, int maxChars, int windows) {
        int[] bounds = new int[2 * windows];
        int n = TextSample.windows(text, maxChars, windows, bounds);
        return java.util.Arrays.copyOf(bounds, 2 * n);
    }

    @Test
    void shortTextIsOneWindowCoveringIt() {
        assertArrayEquals(new int[] {0, 11}, bounds("hello world", 64, 4));
        assertArrayEquals(new int[] {0, 0}, bounds("", 64, 4));
        String exactly = prose(64).substring(0, 64);
        assertArrayEquals(new int[] {0, 64}, bounds(exactly, 64, 4));
    }

    @Test
    void oneWindowRequestedTakesTheFirstMaxChars() {
        assertArrayEquals(new int[] {0, 64}, bounds(prose(1000), 64, 1));
    }

    @Test
    void longTextGivesOrderedNonOverlappingWindowsCutAtWhitespace() {
        String text = prose(5000);
        int maxChars = 256;
        int windows = 8;
        int[] b = bounds(text, maxChars, windows);
        assertEquals(2 * windows, b.length);
        assertEquals(0, b[0]);
        int total = 0;
        for (int w = 0; w < windows; w++) {
            int start = b[2 * w];
            int end = b[2 * w + 1];
            assertTrue(start <= end && end <= text.length(), "window " + w);
            assertTrue(end - start <= maxChars / windows, "window " + w + " wider than maxChars/windows");
            if (w > 0) {
                assertTrue(start >= b[2 * w - 1], "window " + w + " overlaps the previous one");
                assertTrue(Character.isWhitespace(text.charAt(start - 1)), "window " + w + " starts inside a word");
            }
            if (end < text.length()) {
                assertTrue(Character.isWhitespace(text.charAt(end)), "window " + w + " ends inside a word");
            }
            total += end - start;
        }
        assertTrue(total <= maxChars);
        // Spread over the whole text, not bunched at the start.
        assertTrue(b[2 * windows - 2] > text.length() - 2 * maxChars / windows, "last window starts too early");
    }

    @Test
    void lastWindowEndsAtTheTextEndWhenTheStrideIsExact() {
        // width = 256 / 8 = 32; length 32 + 7 * 600 makes the stride exactly 600
        String text = prose(5000).substring(0, 32 + 7 * 600);
        int[] b = bounds(text, 256, 8);
        assertEquals(text.length(), b[15]);
    }

    /**
     * The stride is rounded down, so the last window stops up to {@code windows - 2} chars short of the
     * end and is then cut back to the previous space: the text's last word is never scored.
     */
    @Test
    void lastWindowEndsAtTheTextEndForAnyLength() {
        for (int length = 4000; length < 4010; length++) {
            String text = prose(5000).substring(0, length);
            int[] b = bounds(text, 256, 8);
            assertEquals(length, b[15], "length " + length);
        }
    }

    @Test
    void textWithoutSpacesIsStillCutIntoWindows() {
        StringBuilder b = new StringBuilder();
        String han = "我们今天下午去图书馆看书天气很好";
        while (b.length() < 3000) {
            b.append(han);
        }
        String text = b.toString();
        int[] w = bounds(text, 256, 8);
        assertEquals(16, w.length);
        assertEquals(0, w[0]);
        for (int i = 0; i < 8; i++) {
            assertEquals(32, w[2 * i + 1] - w[2 * i], "window " + i + " keeps its full width");
            if (i > 0) {
                assertTrue(w[2 * i] >= w[2 * i - 1]);
            }
        }
    }

    @Test
    void onlyOneSpaceInAWindowDoesNotEmptyIt() {
        // One long token after the leading space: the end cannot be moved back, so the word is cut.
        String text = ("x".repeat(40) + " ").repeat(100);
        int[] b = bounds(text, 128, 4);
        for (int i = 0; i < 4; i++) {
            assertTrue(b[2 * i] <= b[2 * i + 1]);
        }
    }
}
