package dev.winnow.trainer.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Megatron's epoch count and separate-final-epoch rule, on cases worked by hand. */
class DatasetPlanTest {
    // One epoch: 100 tokens with end-of-document tokens; seq 10 → (100 − 1) ÷ 10 = 9 samples per epoch.

    @Test
    void oneEpochWhenItHoldsTheSamples() {
        // 5 samples need 5 × 10 + 1 = 51 tokens.
        assertEquals(new DatasetPlan(7, 100, 5, 1, false, 9, 0), DatasetPlan.of(7, 100, 5, 10));
        // 9 samples need 91 tokens: still one epoch.
        assertEquals(1, DatasetPlan.of(7, 100, 9, 10).epochs());
    }

    @Test
    void finalEpochIsSeparateBelowEightyPercent() {
        // 15 samples need 151 tokens → 2 epochs; the first gives (100 − 1) ÷ 10 = 9 samples, the final 6,
        // and 6 < int(0.8 × 9) = 7.
        assertEquals(new DatasetPlan(7, 100, 15, 2, true, 19, 9), DatasetPlan.of(7, 100, 15, 10));
    }

    @Test
    void finalEpochIsShuffledWithTheOthersAtEightyPercentOrMore() {
        // 16 samples: 7 from the final epoch, not below 7.
        assertEquals(new DatasetPlan(7, 100, 16, 2, false, 19, 9), DatasetPlan.of(7, 100, 16, 10));
    }

    @Test
    void manyEpochs() {
        // 100 samples need 1001 tokens → 11 epochs; the first 10 give (1000 − 1) ÷ 10 = 99, the last 1 → separate.
        DatasetPlan p = DatasetPlan.of(7, 100, 100, 10);
        assertEquals(11, p.epochs());
        assertEquals(99, p.samplesSansFinalEpoch());
        assertEquals(true, p.separateFinalEpoch());
        assertEquals(109, p.indexedSamples());
    }
}
