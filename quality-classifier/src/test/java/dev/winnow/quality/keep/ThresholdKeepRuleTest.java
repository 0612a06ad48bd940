package dev.winnow.quality.keep;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdKeepRuleTest {
    @Test
    void keepsAtOrAboveTheThreshold() {
        ThresholdKeepRule rule = new ThresholdKeepRule(0.5);
        assertTrue(rule.keep(0.5, "a"));
        assertTrue(rule.keep(0.9, "a"));
        assertFalse(rule.keep(0.4999, "a"));
        assertEquals(1.0, rule.keepProbability(0.7));
        assertEquals(0.0, rule.keepProbability(0.2));
    }

    @Test
    void thresholdOutsideTheUnitIntervalIsRefused() {
        for (double bad : new double[] {-0.1, 1.1, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new ThresholdKeepRule(bad));
        }
    }
}
