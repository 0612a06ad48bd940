package dev.winnow.jobs.stages;

import dev.winnow.jobs.docs.Documents;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

/**
 * A stage's outcome rows from a per-document UDF that reads only the columns it needs and returns
 * a struct (new values, reason, detail), put beside the input by a projection. The columns the
 * stage does not change stay in Spark's internal form: a {@code mapPartitions} over {@link Row}s
 * decodes every column of every row into Java objects and encodes them again (in the clean stage
 * that was a quarter of the CPU, most of it the text).
 *
 * <p>The UDF runs once per row although the projection reads several of its fields: Spark does
 * not merge a projection into the next where that would copy an expression that is not cheap
 * into each use ({@code CollapseProject}), and generated code evaluates a repeated expression of
 * a row once (subexpression elimination). {@code OutcomeProjectionTest} counts the calls.
 */
final class OutcomeProjection {
    /** The struct field names of the outcome a UDF returns. */
    static final String REASON = "reason";
    static final String DETAIL = "detail";
    private static final String OUT = "_outcome";

    private OutcomeProjection() {
    }

    /** The struct an outcome UDF returns: the stage's value fields, then reason and detail. */
    static StructType type(StructType values) {
        return values.add(REASON, DataTypes.StringType, true).add(DETAIL, DataTypes.StringType, true);
    }

    /**
     * The input's columns, in order, where each column of {@code replaced} (input column → struct
     * field) takes the field's value when that is not null; then the struct's {@code added}
     * fields, in order, under their own names; then {@link Documents#REASON} and
     * {@link Documents#DETAIL}. {@code outcome} is applied to {@code arguments}; it never returns
     * null, so the struct's fields keep their declared nullability in the output.
     */
    static Dataset<Row> of(Dataset<Row> input, UserDefinedFunction outcome, Column[] arguments,
            Map<String, String> replaced, List<String> added) {
        Dataset<Row> withOutcome = input.select(col("*"), outcome.asNonNullable().apply(arguments).as(OUT));
        List<Column> columns = new ArrayList<>();
        for (String c : input.columns()) {
            String field = replaced.get(c);
            columns.add(field == null ? col(c) : coalesce(field(field), col(c)).as(c));
        }
        for (String field : added) {
            columns.add(field(field).as(field));
        }
        columns.add(field(REASON).as(Documents.REASON));
        columns.add(field(DETAIL).as(Documents.DETAIL));
        return withOutcome.select(columns.toArray(Column[]::new));
    }

    private static Column field(String name) {
        return col(OUT).getField(name);
    }
}
