package dev.winnow.jobs.ingest;

import java.io.Serializable;

/**
 * Limits and policies shared by every ingest reader ({@code winnow.ingest}).
 *
 * @param maxRecordBytes    records larger than this are rejected unread
 * @param splitBytes        uncompressed line files above this size are read in several splits (smaller
 *                          ones too, when the input is small: {@link IngestSplitSize})
 * @param replaceInvalidUtf8 true: replace bad bytes with U+FFFD; false: reject the record
 * @param maxNulFraction    more NUL characters than this share of the text means binary content
 */
public record IngestLimits(long maxRecordBytes, long splitBytes, boolean replaceInvalidUtf8, double maxNulFraction)
        implements Serializable {

    public IngestLimits {
        if (maxRecordBytes < 1 || maxRecordBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("max-record-bytes must be between 1 and 2 GiB, got " + maxRecordBytes);
        }
        if (splitBytes < IngestSplitSize.MIN_BYTES) {
            throw new IllegalArgumentException("split-bytes must be at least 1024, got " + splitBytes);
        }
        if (!(maxNulFraction >= 0 && maxNulFraction <= 1)) {
            throw new IllegalArgumentException("max-nul-fraction must be in [0, 1], got " + maxNulFraction);
        }
    }

    public static IngestLimits defaults() {
        return new IngestLimits(8L << 20, 128L << 20, false, 0.01);
    }
}
