package dev.winnow.jobs.stages;

import dev.winnow.jobs.clean.CleanParams;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.StageContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * Unicode repair and normalisation (mojibake, control characters, NFC, blank lines) and length
 * bounds. Kept rows carry the cleaned text; rejected rows keep the text as it came in.
 */
public final class CleanStage extends BlockStage {
    public static final String NAME = "clean";

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    public CleanStage() {
        super(NAME);
    }

    @Override
    public void checkSettings(WinnowConfig config) {
        params(config.block(NAME));
    }

    @Override
    public Dataset<Row> outcomes(StageContext context) {
        CleanParams params = params(context.config().block(NAME));
        Dataset<Row> input = context.input();
        return OutcomeProjection.of(input, udf(new CleanOutcome(params), CleanOutcome.TYPE),
                new Column[] {col(Documents.TEXT)},
                Map.of(Documents.TEXT, Documents.TEXT, Documents.N_CHARS, Documents.N_CHARS), List.of());
    }

    static CleanParams params(StageSettings s) {
        int min = s.getInt("min-chars");
        int max = s.getInt("max-chars");
        boolean mojibake = s.getBoolean("repair-mojibake");
        int blank = s.getInt("max-blank-lines");
        return s.build(() -> new CleanParams(min, max, mojibake, blank));
    }
}
