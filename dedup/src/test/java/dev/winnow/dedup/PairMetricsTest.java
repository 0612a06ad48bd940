package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PairMetricsTest {
    @Test
    void keysAreOrderInsensitive() {
        assertEquals(PairMetrics.key(3, 7), PairMetrics.key(7, 3));
        long k = PairMetrics.key(9, 2);
        assertEquals(2, PairMetrics.first(k));
        assertEquals(9, PairMetrics.second(k));
        assertThrows(IllegalArgumentException.class, () -> PairMetrics.key(4, 4));
    }

    @Test
    void pairSetSortsAndRemovesDuplicates() {
        long[] s = PairMetrics.pairSet(new int[] {5, 1, 2, 1}, new int[] {1, 5, 3, 2});
        assertArrayEquals(new long[] {PairMetrics.key(1, 2), PairMetrics.key(1, 5), PairMetrics.key(2, 3)}, s);
    }

    @Test
    void precisionRecallF1OfExplicitPairs() {
        long[] truth = PairMetrics.pairSet(new int[] {0, 0, 1, 4}, new int[] {1, 2, 2, 5});
        long[] predicted = PairMetrics.pairSet(new int[] {1, 2, 6}, new int[] {0, 1, 7});
        PairMetrics.Result r = PairMetrics.compare(predicted, truth);
        assertEquals(2, r.truePositives());
        assertEquals(1, r.falsePositives());
        assertEquals(2, r.falseNegatives());
        assertEquals(2.0 / 3, r.precision(), 1e-12);
        assertEquals(0.5, r.recall(), 1e-12);
        assertEquals(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), r.f1(), 1e-12);
    }

    @Test
    void emptySetsAreConventional() {
        PairMetrics.Result r = PairMetrics.compare(new long[0], new long[0]);
        assertEquals(1.0, r.precision());
        assertEquals(1.0, r.recall());
        PairMetrics.Result none = PairMetrics.compare(new long[0], PairMetrics.pairSet(new int[] {0}, new int[] {1}));
        assertEquals(1.0, none.precision());
        assertEquals(0.0, none.recall());
        assertEquals(0.0, none.f1());
    }

    @Test
    void unsortedInputIsRejected() {
        long[] bad = {PairMetrics.key(2, 3), PairMetrics.key(0, 1)};
        assertThrows(IllegalArgumentException.class, () -> PairMetrics.compare(bad, new long[0]));
    }

    @Test
    void componentsCountPairsWithoutExpanding() {
        int[] labels = {0, 0, 0, 3, 3, 5, 6, 6, 6, 6};
        assertEquals(3 + 1 + 0 + 6, PairMetrics.pairCount(labels));
        assertEquals(10, PairMetrics.expand(labels).length);
        assertThrows(IllegalArgumentException.class, () -> PairMetrics.expand(labels, 9));
    }

    @Test
    void pairsAgainstClusteringMatchExpandedComparison() {
        Random rnd = new Random(7);
        int n = 300;
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = rnd.nextInt(60);
        }
        long[] keys = new long[500];
        int k = 0;
        while (k < keys.length) {
            int a = rnd.nextInt(n);
            int b = rnd.nextInt(n);
            if (a != b) {
                keys[k++] = PairMetrics.key(a, b);
            }
        }
        long[] predicted = PairMetrics.pairSet(keys, keys.length);
        assertEquals(PairMetrics.compare(predicted, PairMetrics.expand(truth)), PairMetrics.compare(predicted, truth));
    }

    @Test
    void clusteringsCompareByPairCounting() {
        Random rnd = new Random(11);
        int n = 400;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextInt(50);
            b[i] = rnd.nextBoolean() ? a[i] : rnd.nextInt(50);
        }
        PairMetrics.Result byCounting = PairMetrics.compare(a, b);
        PairMetrics.Result byExpanding = PairMetrics.compare(PairMetrics.expand(a), PairMetrics.expand(b));
        assertEquals(byExpanding, byCounting);
    }

    @Test
    void componentsAreTransitive() {
        long[] pairs = PairMetrics.pairSet(new int[] {0, 1, 5}, new int[] {1, 2, 6});
        assertArrayEquals(new int[] {0, 0, 0, 3, 4, 5, 5}, PairMetrics.components(7, pairs));
    }

    @Test
    void idsIndexStrings() {
        PairMetrics.Ids ids = new PairMetrics.Ids();
        assertEquals(ids.key("b", "a"), ids.key("a", "b"));
        assertEquals(0, ids.find("b"));
        assertEquals(-1, ids.find("zz"));
        assertEquals("a", ids.name(1));
    }
}
