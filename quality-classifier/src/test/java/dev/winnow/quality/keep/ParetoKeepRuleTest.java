package dev.winnow.quality.keep;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParetoKeepRuleTest {
    private final ParetoKeepRule rule = new ParetoKeepRule(3.0, 42);

    @Test
    void keepProbabilityIsTheLomaxTail() {
        assertEquals(1.0, rule.keepProbability(1.0), 1e-12);
        assertEquals(Math.pow(1.5, -3), rule.keepProbability(0.5), 1e-12);
        assertEquals(0.125, rule.keepProbability(0.0), 1e-12);
    }

    /** The empirical keep rate over many ids follows (2 − s)^−α within 4.5 standard errors. */
    @Test
    void empiricalKeepRateFollowsTheCurve() {
        int n = 40_000;
        for (double alpha : new double[] {1.0, 3.0}) {
            ParetoKeepRule r = new ParetoKeepRule(alpha, 7);
            for (double s : new double[] {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    kept += r.keep(s, "doc-" + s + "-" + i) ? 1 : 0;
                }
                double p = r.keepProbability(s);
                double se = Math.sqrt(p * (1 - p) / n);
                double rate = (double) kept / n;
                assertTrue(Math.abs(rate - p) <= 4.5 * se, "alpha " + alpha + " s " + s + ": rate " + rate + " vs " + p);
            }
        }
    }

    @Test
    void theDrawIsAFunctionOfSeedAndIdOnly() {
        ParetoKeepRule again = new ParetoKeepRule(3.0, 42);
        ParetoKeepRule otherSeed = new ParetoKeepRule(3.0, 43);
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            String id = "cc/doc-" + i;
            assertEquals(rule.keep(0.3, id), again.keep(0.3, id));
            differ += rule.keep(0.3, id) != otherSeed.keep(0.3, id) ? 1 : 0;
        }
        assertTrue(differ > 100, "another seed should change many decisions, changed " + differ);
    }

    @Test
    void uniformIsInTheHalfOpenUnitIntervalAndFlat() {
        int[] bins = new int[10];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double u = rule.uniform("id" + i);
            assertTrue(u > 0 && u <= 1, "u " + u);
            bins[Math.min(9, (int) (u * 10))]++;
        }
        for (int b : bins) {
            assertTrue(Math.abs(b - n / 10) < 600, "bin count " + b);
        }
    }

    @Test
    void alphaMustBePositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            String m = assertThrows(IllegalArgumentException.class, () -> new ParetoKeepRule(bad, 1)).getMessage();
            assertTrue(m.contains("alpha"), m);
        }
    }
}
