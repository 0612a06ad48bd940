package dev.winnow.quality.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryClassifierReportTest {
    @Test
    void countsAndRatesAtTheThreshold() {
        double[] s = {0.9, 0.8, 0.4, 0.7, 0.2, 0.1};
        boolean[] y = {true, true, true, false, false, false};
        BinaryClassifierReport r = new BinaryClassifierReport(s, y, 0.5);
        assertArrayEquals(new long[] {2, 1, 2, 1}, r.confusion()); // tp fp tn fn
        assertEquals(4 / 6.0, r.accuracy(), 1e-12);
        assertEquals(2 / 3.0, r.precision(), 1e-12);
        assertEquals(2 / 3.0, r.recall(), 1e-12);
        assertEquals(2 / 3.0, r.f1(), 1e-12);
        // Positive/negative pairs ordered right: 0.9 and 0.8 beat all three negatives (6), 0.4 beats 0.2, 0.1 (2): 8/9.
        assertEquals(8 / 9.0, r.rocAuc(), 1e-12);
    }

    @Test
    void aucIsOneForPerfectZeroForReversedHalfForTies() {
        boolean[] y = {true, false, true, false};
        assertEquals(1.0, BinaryClassifierReport.auc(new double[] {0.9, 0.1, 0.8, 0.2}, y), 1e-12);
        assertEquals(0.0, BinaryClassifierReport.auc(new double[] {0.1, 0.9, 0.2, 0.8}, y), 1e-12);
        assertEquals(0.5, BinaryClassifierReport.auc(new double[] {0.5, 0.5, 0.5, 0.5}, y), 1e-12);
        assertTrue(Double.isNaN(BinaryClassifierReport.auc(new double[] {0.5, 0.6}, new boolean[] {true, true})));
    }

    @Test
    void calibrationTableGroupsByPredictedScore() {
        double[] s = {0.05, 0.15, 0.95, 0.92, 1.0};
        boolean[] y = {false, false, true, false, true};
        List<String> lines = new BinaryClassifierReport(s, y, 0.5).report();
        assertTrue(lines.contains("calibration.0.0-0.1: n=1 mean_score=0.050 positive_rate=0.000"), lines.toString());
        assertTrue(lines.contains("calibration.0.9-1.0: n=3 mean_score=0.957 positive_rate=0.667"), lines.toString());
        assertTrue(lines.contains("roc_auc: 1.0000"), lines.toString()); // both positives above all negatives
        for (String line : lines) {
            assertTrue(line.matches("[a-z_0-9.\\-]+: \\S.*"), line);
        }
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new BinaryClassifierReport(new double[] {0.5}, new boolean[] {true, false}, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new BinaryClassifierReport(new double[] {1.5}, new boolean[] {true}, 0.5));
    }
}
