package dev.winnow.jobs.stages;

import dev.winnow.jobs.clean.CleanParams;
import dev.winnow.jobs.clean.CleanResult;
import dev.winnow.jobs.clean.TextCleaner;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;

/** The executor side of clean: one cleaner per partition, one outcome row per document. */
final class CleanPartition implements MapPartitionsFunction<Row, Row> {
    private final CleanParams params;
    private final int text;
    private final int chars;

    CleanPartition(CleanParams params, int textColumn, int charsColumn) {
        this.params = params;
        this.text = textColumn;
        this.chars = charsColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TextCleaner cleaner = new TextCleaner(params);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                CleanResult r = cleaner.clean(row.isNullAt(text) ? "" : row.getString(text));
                Object[] values = new Object[row.size() + 2];
                for (int i = 0; i < row.size(); i++) {
                    values[i] = row.get(i);
                }
                if (r.kept()) {
                    values[text] = r.text();
                    values[chars] = TextCleaner.charCount(r.text());
                }
                values[row.size()] = r.reason();
                values[row.size() + 1] = r.detail();
                return RowFactory.create(values);
            }
        };
    }
}
