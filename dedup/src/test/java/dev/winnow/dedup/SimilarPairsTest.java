package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SimilarPairsTest {

    @Test
    void packsIndicesIntoOneLongInTheirOrder() {
        long p = SimilarPairs.pack(123_456, Integer.MAX_VALUE);
        assertEquals(123_456, SimilarPairs.first(p));
        assertEquals(Integer.MAX_VALUE, SimilarPairs.second(p));
        assertEquals(0, SimilarPairs.second(SimilarPairs.pack(5, 0)));
        assertEquals(true, SimilarPairs.pack(1, 900) < SimilarPairs.pack(2, 0), "sorted by i, then j");
    }

    @Test
    void similarityIsJaccardFromOverlapAndSizes() {
        SimilarPairs pairs = new SimilarPairs(new long[]{SimilarPairs.pack(0, 2)}, new int[]{3}, new int[]{4, 9, 5});
        assertEquals(1, pairs.size());
        assertEquals(0, pairs.first(0));
        assertEquals(2, pairs.second(0));
        assertEquals(3, pairs.overlap(0));
        assertEquals(0.5, pairs.similarity(0));
        assertArrayEquals(new long[]{SimilarPairs.pack(0, 2)}, pairs.toPackedArray());
        assertEquals(pairs, new SimilarPairs(new long[]{SimilarPairs.pack(0, 2)}, new int[]{3}, new int[]{4, 9, 5}));
        assertNotEquals(pairs, new SimilarPairs(new long[]{SimilarPairs.pack(0, 2)}, new int[]{2}, new int[]{4, 9, 5}));
    }
}
