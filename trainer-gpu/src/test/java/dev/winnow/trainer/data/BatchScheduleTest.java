package dev.winnow.trainer.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchScheduleTest {
    @Test
    void mtNlgRampsFrom32To1920By32OverTwelveBillionTokens() {
        BatchSchedule s = BatchSchedule.mtNlg(2048);
        assertEquals(5_859_375, s.rampupSamples()); // 12e9 ÷ 2048
        assertEquals(32, s.globalBatchSize(0));
        // 59 increments: each lasts 5,859,375 ÷ 59 ≈ 99,311.4 samples.
        assertEquals(32, s.globalBatchSize(99_311));
        assertEquals(64, s.globalBatchSize(99_312));
        assertEquals(1888, s.globalBatchSize(5_859_374));
        assertEquals(1920, s.globalBatchSize(5_859_375));
        assertEquals(1920, s.globalBatchSize(100_000_000));
    }

    @Test
    void stepsThroughTheRampAreMonotoneMultiplesOf32() {
        BatchSchedule s = BatchSchedule.mtNlg(2048);
        long consumed = 0;
        int previous = 0;
        long steps = 0;
        while (consumed < s.rampupSamples()) {
            int b = s.globalBatchSize(consumed);
            assertTrue(b >= previous && b % 32 == 0);
            previous = b;
            consumed += b;
            steps++;
        }
        // 59 stretches of 99,311.4 samples at sizes 32k, k = 1 … 59: Σ 99,311.4 ÷ 32k = 3,103.5 × H(59) ≈ 14,470
        // steps, give or take one step per stretch where a batch straddles its end.
        double expected = 0;
        for (int k = 1; k <= 59; k++) {
            expected += 5_859_375.0 / 59 / (32.0 * k);
        }
        assertEquals(expected, steps, 59, steps + " steps");
    }

    @Test
    void rejectsARampThatDoesNotReachItsTarget() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSchedule(32, 30, 1000, 1920));
    }
}
