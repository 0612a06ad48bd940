package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.language.LanguageParams;
import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.StageContext;
import dev.winnow.quality.lid.LanguageIdentifier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * Language identification: adds {@code lang} (ISO 639-1, {@code und} when undetermined) and
 * {@code lang_score} (confidence) to every document, keeps the configured languages and rejects
 * the rest as {@code language:<lang>} or {@code language:undetermined}; with {@code datasets} set,
 * only in those datasets (the others are kept whatever their language).
 */
public final class LanguageStage extends BlockStage {
    public static final String NAME = "language";

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    public LanguageStage() {
        super(NAME);
    }

    @Override
    public SettingsText settings(StageContext context) {
        // The model is part of what the stage does: a rebuilt model reruns the stage.
        return super.settings(context).line("language.model", "model: ", LanguageIdentifier.shippedModel().source());
    }

    @Override
    public void checkSettings(WinnowConfig config) {
        params(config.block(NAME), config);
    }

    @Override
    public Dataset<Row> outcomes(StageContext context) {
        LanguageParams params = params(context.config().block(NAME), context.config());
        return OutcomeProjection.of(context.input(), udf(new LanguageOutcome(params), LanguageOutcome.TYPE),
                new Column[] {col(Documents.TEXT), col(Documents.DATASET)}, Map.of(),
                List.of(Documents.LANG, Documents.LANG_SCORE));
    }

    static LanguageParams params(StageSettings s, WinnowConfig config) {
        var keep = s.getStringList("keep");
        double minScore = s.getDouble("min-score");
        int sampleChars = s.getInt("sample-chars");
        var filtered = s.getStringList("datasets");
        return s.build(() -> new LanguageParams(keep, minScore, sampleChars, filtered)
                .checkedAgainst(LanguageIdentifier.shippedModel().languages())
                .checkedAgainstDatasets(config.datasets().stream().map(DatasetSpec::name).toList()));
    }
}
