package dev.winnow.jobs.dedup;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Band rows sorted by bucket in, edges out, bucket by bucket, as the rows are read. */
class BucketPartitionTest {
    private static Row member(int band, long key, long node) {
        return RowFactory.create(band, key, node, 100);
    }

    private static List<String> edges(int pairwise, List<Row> rows) throws Exception {
        List<String> out = new ArrayList<>();
        new BucketPartition(pairwise, 0.8).call(rows.iterator())
                .forEachRemaining(e -> out.add(e.getLong(0) + "-" + e.getLong(1)));
        return out;
    }

    @Test
    void aBucketIsItsBandAndKeyTogether() throws Exception {
        // Same key in two bands, and two keys in one band: four buckets of two.
        List<Row> rows = List.of(member(0, 5, 1), member(0, 5, 2), member(1, 5, 3), member(1, 5, 4),
                member(1, 6, 5), member(1, 6, 6), member(2, 6, 7), member(2, 6, 8));
        assertEquals(List.of("1-2", "3-4", "5-6", "7-8"), edges(10, rows));
    }

    @Test
    void smallBucketsArePairsLargeOnesStars() throws Exception {
        List<Row> rows = List.of(member(0, 1, 4), member(0, 1, 2), member(0, 1, 3),
                member(0, 2, 9), member(0, 2, 8), member(0, 2, 7), member(0, 2, 6),
                member(0, 3, 1));
        assertEquals(List.of("2-4", "3-4", "2-3", "8-9", "7-9", "6-9"), edges(3, rows));
    }

    @Test
    void anEmptyPartitionHasNoEdges() throws Exception {
        Iterator<Row> none = new BucketPartition(3, 0.8).call(List.<Row>of().iterator());
        assertFalse(none.hasNext());
        assertThrows(NoSuchElementException.class, none::next);
    }

    /** A bucket of a million members: edges come out while it is read, never all of it held. */
    @Test
    void aGiantBucketStreams() throws Exception {
        int members = 1_000_000;
        int[] read = {0};
        Iterator<Row> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return read[0] < members;
            }

            @Override
            public Row next() {
                return member(0, 7, read[0]++);
            }
        };
        Iterator<Row> out = new BucketPartition(100, 0.8).call(rows);
        for (int i = 1; i <= 1_000; i++) {
            Row e = out.next();
            assertEquals(0L, e.getLong(0));
            assertEquals(i, e.getLong(1));
        }
        assertTrue(read[0] <= 1_001, "read " + read[0] + " members for 1,000 edges");
        long rest = 0;
        while (out.hasNext()) {
            out.next();
            rest++;
        }
        assertEquals(members - 1 - 1_000, rest);
    }
}
