package dev.winnow.jobs.docs;

import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.function.Function;

/** A partition's rows mapped one to one as they are read, so a partition is never held in memory. */
public final class LazyRows {
    private LazyRows() {
    }

    public static Iterator<Row> map(Iterator<Row> rows, Function<Row, Row> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return f.apply(rows.next());
            }
        };
    }
}
