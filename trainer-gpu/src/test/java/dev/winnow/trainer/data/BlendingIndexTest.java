package dev.winnow.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlendingIndexTest {
    @TempDir
    Path tmp;

    @Test
    void greedyLargestErrorOrder() {
        // weights 0.5, 0.3, 0.2 by hand, errors weight × max(i, 1) − drawn: i=0: .5 .3 .2 → 0; i=1: −.5 .3 .2 → 1;
        // i=2: 0 −.4 .4 → 2; i=3: .5 −.1 −.4 → 0; i=4: 0 .2 −.2 → 1; i=5: .5 −.5 0 → 0; i=6: 0 −.2 .2 → 2;
        // i=7: .5 .1 −.6 → 0; i=8: 0 .4 −.4 → 1; i=9: .5 −.3 −.2 → 0.
        BlendingIndex.build(new double[]{0.5, 0.3, 0.2}, 10, tmp);
        BlendingIndex b = BlendingIndex.open(tmp);
        int[] datasets = new int[10];
        int[] samples = new int[10];
        for (int i = 0; i < 10; i++) {
            datasets[i] = b.dataset(i);
            samples[i] = b.datasetSample(i);
        }
        assertArrayEquals(new int[]{0, 1, 2, 0, 1, 0, 2, 0, 1, 0}, datasets);
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 2, 1, 3, 2, 4}, samples);
    }

    @Test
    void afterEveryDrawEachDatasetIsWithinOneSampleOfItsShare() {
        double[] w = {0.14336, 0.19336, 0.05689, 0.02897, 0.57742};
        int n = 200_000;
        BlendingIndex.build(w, n, tmp);
        BlendingIndex b = BlendingIndex.open(tmp);
        long[] drawn = new long[w.length];
        for (int i = 0; i < n; i++) {
            int d = b.dataset(i);
            assertEquals(drawn[d], b.datasetSample(i));
            drawn[d]++;
            for (int k = 0; k < w.length; k++) {
                // The error is measured before the draw at max(i, 1), so the share to compare with is weight × i.
                assertTrue(Math.abs(drawn[k] - w[k] * i) <= 1.0 + 1e-9, "dataset " + k + " after sample " + i);
            }
        }
    }

    @Test
    void aDatasetOfWeightZeroIsNeverDrawn() {
        // At i = 2 the errors are 0, 0, 0: the first-on-ties rule alone would pick dataset 0.
        BlendingIndex.build(new double[]{0.0, 0.5, 0.5}, 1000, tmp);
        BlendingIndex b = BlendingIndex.open(tmp);
        for (int i = 0; i < 1000; i++) {
            assertTrue(b.dataset(i) != 0, "sample " + i);
        }
    }

    @Test
    void oversamplingRule() {
        assertEquals(1005, BlendingIndex.samplesFor(0.5, 2000)); // ceil(ceil(1000) × 1.005)
        assertEquals(302, BlendingIndex.samplesFor(0.3, 1000)); // ceil(300 × 1.005) = ceil(301.5)
        assertEquals(0, BlendingIndex.samplesFor(0.0, 1000));
    }
}
