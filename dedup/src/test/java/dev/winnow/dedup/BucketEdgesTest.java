package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketEdgesTest {
    /** Feeds one bucket of nodes (all of size 100 unless given) and returns its edges as "a-b". */
    private static List<String> bucket(BucketEdges edges, long[] nodes, int[] sizes) {
        List<String> out = new ArrayList<>();
        BucketEdges.Sink sink = (a, b) -> out.add(a + "-" + b);
        for (int i = 0; i < nodes.length; i++) {
            edges.add(nodes[i], sizes == null ? 100 : sizes[i], sink);
        }
        edges.finish(sink);
        return out;
    }

    @Test
    void aSmallBucketLinksEveryPairLesserNodeFirst() {
        List<String> e = bucket(new BucketEdges(4, 0.8), new long[] {9, 3, 7, 5}, null);
        assertEquals(Set.of("3-9", "7-9", "5-9", "3-7", "3-5", "5-7"), new TreeSet<>(e));
        assertEquals(6, e.size());
    }

    @Test
    void aBucketOverPairwiseIsAStarAroundTheFirstMember() {
        List<String> e = bucket(new BucketEdges(3, 0.8), new long[] {7, 3, 9, 1, 8}, null);
        assertEquals(List.of("3-7", "7-9", "1-7", "7-8"), e);
    }

    @Test
    void aLoneMemberHasNoEdge() {
        assertEquals(List.of(), bucket(new BucketEdges(3, 0.8), new long[] {4}, null));
        assertEquals(List.of(), bucket(new BucketEdges(3, 0.8), new long[0], null));
    }

    @Test
    void pairwiseOneMakesEveryBucketAStar() {
        assertEquals(List.of("1-2"), bucket(new BucketEdges(1, 0.8), new long[] {2, 1}, null));
        assertEquals(List.of("2-5", "2-6"), bucket(new BucketEdges(1, 0.8), new long[] {2, 5, 6}, null));
    }

    @Test
    void sizesThatRuleOutTheThresholdAreNotLinked() {
        // 8 / 10 = 0.8 can still reach J = 0.8, and 7 / 8 too; 7 / 10 cannot.
        assertEquals(List.of("1-2", "2-3"), bucket(new BucketEdges(5, 0.8), new long[] {1, 2, 3}, new int[] {10, 8, 7}));
        // In a star only the centre's size counts: 7 and 8 are not compared.
        assertEquals(List.of("1-2"), bucket(new BucketEdges(1, 0.8), new long[] {1, 2, 3}, new int[] {10, 8, 7}));
        assertEquals(List.of("1-2", "1-3"), bucket(new BucketEdges(1, 0.0), new long[] {1, 2, 3}, new int[] {10, 8, 0}));
    }

    @Test
    void bucketsAfterAStarStartAfresh() {
        BucketEdges edges = new BucketEdges(2, 0.5);
        assertEquals(List.of("1-2", "1-3"), bucket(edges, new long[] {1, 2, 3}, null));
        assertEquals(List.of("4-5"), bucket(edges, new long[] {4, 5}, null));
        assertEquals(List.of("6-8", "7-8"), bucket(edges, new long[] {8, 6, 7}, null));
    }

    /** Streamed, the edges are those of the whole bucket at once: all pairs, or a star around the first. */
    @Test
    void streamingMatchesTheWholeBucketRule() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int pairwise = 1 + random.nextInt(6);
            double t = random.nextDouble();
            int n = random.nextInt(12);
            long[] nodes = random.longs(n, 0, 1_000).distinct().toArray();
            int[] sizes = random.ints(nodes.length, 1, 50).toArray();
            Set<String> expected = new TreeSet<>();
            for (int i = 0; i < nodes.length; i++) {
                for (int j = i + 1; j < nodes.length; j++) {
                    boolean linked = nodes.length <= pairwise || i == 0;
                    if (linked && Math.min(sizes[i], sizes[j]) >= t * Math.max(sizes[i], sizes[j])) {
                        expected.add(Math.min(nodes[i], nodes[j]) + "-" + Math.max(nodes[i], nodes[j]));
                    }
                }
            }
            List<String> got = bucket(new BucketEdges(pairwise, t), nodes, sizes);
            assertEquals(expected, new TreeSet<>(got), "pairwise " + pairwise + ", t " + t);
            assertEquals(expected.size(), got.size(), "each edge once");
            assertTrue(got.stream().allMatch(s -> Long.parseLong(s.split("-")[0]) < Long.parseLong(s.split("-")[1])));
        }
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BucketEdges(0, 0.8));
        assertThrows(IllegalArgumentException.class, () -> new BucketEdges(3, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new BucketEdges(3, Double.NaN));
    }
}
