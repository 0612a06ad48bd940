package dev.winnow.jobs.stages;

import dev.winnow.jobs.clean.CleanParams;
import dev.winnow.jobs.clean.CleanResult;
import dev.winnow.jobs.clean.TextCleaner;
import dev.winnow.jobs.docs.Documents;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The clean stage's per-document outcome ({@link OutcomeProjection}): the cleaned text and its
 * length where the document is kept and its text changed (null otherwise: the column keeps its
 * value), and the reason and detail of a drop. Rejected rows keep the text as it came in.
 */
final class CleanOutcome implements UDF1<String, Row> {
    static final StructType TYPE = OutcomeProjection.type(new StructType()
            .add(Documents.TEXT, DataTypes.StringType, true)
            .add(Documents.N_CHARS, DataTypes.IntegerType, true));

    private final TextCleaner cleaner;

    CleanOutcome(CleanParams params) {
        this.cleaner = new TextCleaner(params);
    }

    @Override
    public Row call(String text) {
        String in = text == null ? "" : text;
        CleanResult r = cleaner.clean(in);
        // normalize() returns already-clean text as the same instance.
        boolean changed = r.kept() && r.text() != in;
        return RowFactory.create(changed ? r.text() : null, changed ? r.chars() : null,
                r.reason(), r.detail());
    }
}
