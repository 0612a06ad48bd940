package dev.winnow.jobs.stages;

import dev.winnow.jobs.clean.CleanParams;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

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
        StructType schema = input.schema();
        int text = schema.fieldIndex(Documents.TEXT);
        int chars = schema.fieldIndex(Documents.N_CHARS);
        return input.mapPartitions(new CleanPartition(params, text, chars), Encoders.row(Documents.withOutcome(schema)));
    }

    static CleanParams params(StageSettings s) {
        int min = s.getInt("min-chars");
        int max = s.getInt("max-chars");
        boolean mojibake = s.getBoolean("repair-mojibake");
        int blank = s.getInt("max-blank-lines");
        return s.build(() -> new CleanParams(min, max, mojibake, blank));
    }
}
