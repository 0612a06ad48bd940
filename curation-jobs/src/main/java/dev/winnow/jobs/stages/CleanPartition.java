package dev.winnow.jobs.stages;

import dev.winnow.jobs.clean.CleanParams;
import dev.winnow.jobs.clean.CleanResult;
import dev.winnow.jobs.clean.TextCleaner;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.function.Function;

/** The executor side of clean: one cleaner per partition, one outcome row per document. */
final class CleanPartition extends RowMapPartition {
    private final CleanParams params;
    private final int text;
    private final int chars;

    CleanPartition(CleanParams params, int textColumn, int charsColumn) {
        this.params = params;
        this.text = textColumn;
        this.chars = charsColumn;
    }

    @Override
    Function<Row, Row> mapper() {
        TextCleaner cleaner = new TextCleaner(params);
        return row -> {
            CleanResult r = cleaner.clean(row.isNullAt(text) ? "" : row.getString(text));
            Object[] values = valuesWithRoomFor(row, 2);
            if (r.kept()) {
                values[text] = r.text();
                values[chars] = TextCleaner.charCount(r.text());
            }
            values[row.size()] = r.reason();
            values[row.size() + 1] = r.detail();
            return RowFactory.create(values);
        };
    }
}
