package dev.winnow.jobs.quality;

import dev.winnow.jobs.docs.Documents;
import dev.winnow.quality.QualityText;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * The text the quality model sees, as a Spark column: {@link QualityText#prepare}, the scoring's
 * own code, so that training and scoring cannot drift apart. The UDF gets the whole text: Spark's
 * {@code substring} walks the UTF-8 bytes one character at a time, which costs more than
 * decoding a typical document whole.
 */
public final class ModelText {
    private static final UserDefinedFunction PREPARE =
            udf((UDF1<String, String>) QualityText::prepare, DataTypes.StringType).asNonNullable();

    private ModelText() {
    }

    /** The prepared text; empty where the text is null. */
    public static Column prepared() {
        return PREPARE.apply(col(Documents.TEXT));
    }
}
