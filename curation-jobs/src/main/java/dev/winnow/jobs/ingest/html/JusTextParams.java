package dev.winnow.jobs.ingest.html;

import java.io.Serializable;

/**
 * Thresholds of the jusText boilerplate classifier.
 *
 * <p>Lengths are measured in characters (Unicode code points) of the whitespace-normalised
 * paragraph text; densities are ratios in [0, 1]. The record is {@link Serializable} so a
 * Spark closure can ship it to executors.
 *
 * @param lengthLow paragraphs shorter than this are "short" (or bad if they contain links)
 * @param lengthHigh paragraphs longer than this with enough stop words are "good"
 * @param stopwordsLow minimum stop-word density for "near-good"
 * @param stopwordsHigh minimum stop-word density for "good"
 * @param maxLinkDensity paragraphs with a larger share of link characters are "bad"
 * @param maxHeadingDistance how many characters a heading may precede a good paragraph by
 * @param noHeadings disable the heading rescue passes
 */
public record JusTextParams(
        int lengthLow,
        int lengthHigh,
        double stopwordsLow,
        double stopwordsHigh,
        double maxLinkDensity,
        int maxHeadingDistance,
        boolean noHeadings)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public JusTextParams {
        requireNonNegative("lengthLow", lengthLow);
        requireNonNegative("lengthHigh", lengthHigh);
        requireNonNegative("maxHeadingDistance", maxHeadingDistance);
        if (lengthLow > lengthHigh) {
            throw new IllegalArgumentException(
                    "lengthLow (" + lengthLow + ") must be <= lengthHigh (" + lengthHigh + ")");
        }
        requireRatio("stopwordsLow", stopwordsLow);
        requireRatio("stopwordsHigh", stopwordsHigh);
        requireRatio("maxLinkDensity", maxLinkDensity);
        if (stopwordsLow > stopwordsHigh) {
            throw new IllegalArgumentException(
                    "stopwordsLow (" + stopwordsLow + ") must be <= stopwordsHigh (" + stopwordsHigh + ")");
        }
    }

    /** The defaults of the reference jusText implementation (also used for Pile-CC). */
    public static JusTextParams defaults() {
        return new JusTextParams(70, 200, 0.30, 0.32, 0.2, 200, false);
    }

    /** Copy with the heading passes switched on or off. */
    public JusTextParams withNoHeadings(boolean value) {
        return new JusTextParams(
                lengthLow, lengthHigh, stopwordsLow, stopwordsHigh, maxLinkDensity, maxHeadingDistance, value);
    }

    /**
     * jusText's language-independent mode: stop-word thresholds at zero, so paragraphs are judged
     * by length, link density and their neighbours only.
     */
    public JusTextParams languageIndependent() {
        return new JusTextParams(lengthLow, lengthHigh, 0, 0, maxLinkDensity, maxHeadingDistance, noHeadings);
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
    }

    private static void requireRatio(String name, double value) {
        // Written as a negated range check so that NaN is rejected too.
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1] but was " + value);
        }
    }
}
