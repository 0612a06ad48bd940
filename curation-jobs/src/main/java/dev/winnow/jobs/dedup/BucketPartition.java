package dev.winnow.jobs.dedup;

import dev.winnow.dedup.BucketEdges;
import dev.winnow.dedup.LongList;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The executor side of fuzzy dedup's candidate edges: reads a partition of band rows
 * {@code (band, key, node, size)} sorted by bucket {@code (band, key)} and, within a bucket, in
 * centre order, and streams out {@link BucketEdges}' edges {@code (SRC, DST)} as it reads. A
 * bucket is never held whole (at most {@code pairwise} members), so a boilerplate bucket of
 * millions of documents passes as easily as a pair.
 */
final class BucketPartition implements MapPartitionsFunction<Row, Row> {
    private final int pairwise;
    private final double threshold;

    BucketPartition(int pairwise, double threshold) {
        this.pairwise = pairwise;
        this.threshold = threshold;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        BucketEdges buckets = new BucketEdges(pairwise, threshold);
        LongList pending = new LongList();
        BucketEdges.Sink sink = (a, b) -> {
            pending.add(a);
            pending.add(b);
        };
        return new Iterator<>() {
            private int next;
            private boolean inBucket;
            private int band;
            private long key;

            @Override
            public boolean hasNext() {
                while (next == pending.size()) {
                    pending.clear();
                    next = 0;
                    if (!rows.hasNext()) {
                        if (!inBucket) {
                            return false;
                        }
                        buckets.finish(sink);
                        inBucket = false;
                        continue;
                    }
                    Row r = rows.next();
                    if (inBucket && (r.getInt(0) != band || r.getLong(1) != key)) {
                        buckets.finish(sink);
                    }
                    inBucket = true;
                    band = r.getInt(0);
                    key = r.getLong(1);
                    buckets.add(r.getLong(2), r.getInt(3), sink);
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row edge = RowFactory.create(pending.get(next), pending.get(next + 1));
                next += 2;
                return edge;
            }
        };
    }
}
