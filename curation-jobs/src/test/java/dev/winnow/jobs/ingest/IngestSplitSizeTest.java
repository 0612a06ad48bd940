package dev.winnow.jobs.ingest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IngestSplitSizeTest {
    private static final long MB = 1L << 20;
    private static final long OPEN = 4 * MB;

    @Test
    void aLargeInputIsCutAtSplitBytes() {
        // 100 files of 1 GB: a sixteenth of the input is far above split-bytes.
        List<Long> lengths = java.util.Collections.nCopies(100, 1024 * MB);
        assertEquals(128 * MB, IngestSplitSize.of(128 * MB, lengths, OPEN, 16));
    }

    @Test
    void aSmallInputIsCutSoThatEveryPartitionGetsWork() {
        // One 100 MB file with minPartitionNum 16: (100 + 4) / 16 = 6.5 MB splits, as Spark would.
        assertEquals((104 * MB) / 16, IngestSplitSize.of(128 * MB, List.of(100 * MB), OPEN, 16));
    }

    @Test
    void everyFileCountsItsOpenCost() {
        // Two files of 60 MB and 4 MB on 4 partitions: each file counts 4 MB more.
        assertEquals((60 * MB + OPEN + 4 * MB + OPEN) / 4, IngestSplitSize.of(128 * MB, List.of(60 * MB, 4 * MB), OPEN, 4));
    }

    @Test
    void neverBelowTheOpenCostNorAboveSplitBytes() {
        assertEquals(OPEN, IngestSplitSize.of(128 * MB, List.of(10 * MB), OPEN, 16));
        assertEquals(2 * MB, IngestSplitSize.of(2 * MB, List.of(100 * MB), OPEN, 16), "split-bytes is the cap");
        assertEquals(IngestSplitSize.MIN_BYTES, IngestSplitSize.of(128 * MB, List.of(10_000L), 0, 16),
                "an open cost of 0 still keeps split-bytes' floor");
    }

    @Test
    void noFilesAndHugeLengthsAreFine() {
        assertEquals(OPEN, IngestSplitSize.of(128 * MB, List.of(), OPEN, 16));
        assertEquals(128 * MB, IngestSplitSize.of(128 * MB, List.of(Long.MAX_VALUE, Long.MAX_VALUE), OPEN, 16));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> IngestSplitSize.of(0, List.of(1L), OPEN, 16));
        assertThrows(IllegalArgumentException.class, () -> IngestSplitSize.of(MB, List.of(1L), OPEN, 0));
        assertThrows(IllegalArgumentException.class, () -> IngestSplitSize.of(MB, List.of(1L), -1, 16));
    }
}
