package dev.winnow.jobs.clean;

import java.io.Serializable;

/**
 * Settings of the clean stage.
 *
 * @param minChars       documents with fewer code points after normalization are dropped
 * @param maxChars       documents with more code points after normalization are dropped
 * @param repairMojibake whether to run {@link MojibakeRepair} first
 * @param maxBlankLines  most empty lines kept between two paragraphs
 */
public record CleanParams(int minChars, int maxChars, boolean repairMojibake, int maxBlankLines)
        implements Serializable {

    /** Validates eagerly so a bad config fails on the driver, not inside a Spark task. */
    public CleanParams {
        if (minChars < 0) {
            throw new IllegalArgumentException("minChars must be >= 0, got " + minChars);
        }
        if (maxChars < minChars) {
            throw new IllegalArgumentException(
                    "maxChars must be >= minChars (" + minChars + "), got " + maxChars);
        }
        if (maxBlankLines < 0) {
            throw new IllegalArgumentException("maxBlankLines must be >= 0, got " + maxBlankLines);
        }
    }

    /** 200 to 1,000,000 code points, mojibake repair on, at most one blank line in a row. */
    public static CleanParams defaults() {
        return new CleanParams(200, 1_000_000, true, 1);
    }
}
