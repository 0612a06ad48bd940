package dev.winnow.jobs.docs;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The document table every stage reads and writes (DESIGN "Documents"): columns are added by
 * later stages, never renamed. Also the two outcome columns a stage adds to say what it did with
 * each row, and the schema of {@code rejected/<stage>/}.
 */
public final class Documents {
    public static final String ID = "id";
    public static final String DATASET = "dataset";
    public static final String URL = "url";
    public static final String TEXT = "text";
    public static final String N_CHARS = "n_chars";
    /** Where the document came from: {@code <file>@<byte offset>}, {@code <file>#row=<n>} or the file. */
    public static final String SOURCE = "source";

    /**
     * The columns with a value of their own for (nearly) every document. Parquet would try a
     * dictionary for each until the first page's dictionary passes 1 MB, some 20,000 ids, and then
     * throw it away: written without one ({@link #writePlainWhereUnique}).
     */
    public static final List<String> UNIQUE_PER_DOCUMENT = List.of(ID, URL, TEXT, SOURCE);

    /** Added by the language stage: ISO 639-1 code ({@code und} when undetermined) and confidence. */
    public static final String LANG = "lang";
    public static final String LANG_SCORE = "lang_score";
    /** Added by the quality stage: P(high quality) from the fastText classifier. */
    public static final String QUALITY_SCORE = "quality_score";

    /** Outcome: null when the stage keeps the row, else a short reason code. */
    public static final String REASON = "_reason";
    /** Outcome: what exactly was wrong, for a person. */
    public static final String DETAIL = "_detail";

    /**
     * Outcome, optional: how many input documents the row accounts for. 1, except for the second
     * and later pieces of a document a stage split (decontaminate), which are 0. Absent means 1.
     */
    public static final String UNIT = "_unit";

    /** Columns whose names start with this are outcome columns: never written with the documents. */
    public static final String OUTCOME_PREFIX = "_";

    public static final String STAGE = "stage";
    /** The reason and detail columns of {@code rejected/<stage>/}. */
    public static final String REJECTED_REASON = "reason";
    public static final String REJECTED_DETAIL = "detail";

    /** The columns ingest writes. */
    public static final StructType INGESTED = new StructType(new StructField[] {
        DataTypes.createStructField(ID, DataTypes.StringType, false),
        DataTypes.createStructField(DATASET, DataTypes.StringType, false),
        DataTypes.createStructField(URL, DataTypes.StringType, true),
        DataTypes.createStructField(TEXT, DataTypes.StringType, true),
        DataTypes.createStructField(N_CHARS, DataTypes.IntegerType, false),
        DataTypes.createStructField(SOURCE, DataTypes.StringType, true),
    });

    private Documents() {
    }

    /** {@code writer} told not to try a dictionary for the {@link #UNIQUE_PER_DOCUMENT} columns. */
    public static <T> DataFrameWriter<T> writePlainWhereUnique(DataFrameWriter<T> writer) {
        for (String column : UNIQUE_PER_DOCUMENT) {
            // parquet-mr's per-column form of parquet.enable.dictionary (ColumnConfigParser).
            writer = writer.option("parquet.enable.dictionary#" + column, "false");
        }
        return writer;
    }

    /** A document schema plus the two outcome columns. */
    public static StructType withOutcome(StructType documents) {
        return documents
                .add(DataTypes.createStructField(REASON, DataTypes.StringType, true))
                .add(DataTypes.createStructField(DETAIL, DataTypes.StringType, true));
    }

    /** The columns of a rejected row, in order; text is null unless the run keeps rejected text. */
    public static Column[] rejectedColumns(String stage, boolean keepText, StructType outcomeSchema) {
        List<Column> cols = new ArrayList<>(Arrays.asList(
                col(ID),
                col(DATASET),
                lit(stage).as(STAGE),
                col(REASON).as(REJECTED_REASON),
                col(DETAIL).as(REJECTED_DETAIL)));
        boolean hasSource = Arrays.asList(outcomeSchema.fieldNames()).contains(SOURCE);
        cols.add(hasSource ? col(SOURCE)
                : lit(null).cast(DataTypes.StringType).as(SOURCE));
        cols.add(keepText ? col(TEXT)
                : lit(null).cast(DataTypes.StringType).as(TEXT));
        return cols.toArray(new Column[0]);
    }
}
