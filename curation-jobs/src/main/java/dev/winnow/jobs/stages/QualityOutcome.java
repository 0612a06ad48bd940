package dev.winnow.jobs.stages;

import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.quality.QualityModels;
import dev.winnow.jobs.quality.QualityParams;
import dev.winnow.quality.QualityModelTraining;
import dev.winnow.quality.QualityText;
import dev.winnow.quality.fasttext.FastTextScorer;
import dev.winnow.quality.keep.KeepRule;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Locale;

/**
 * The quality stage's per-document outcome ({@link OutcomeProjection}) from the id, the dataset
 * and the text: {@code quality_score} = P(high quality) for every document; documents of filtered
 * datasets are kept or rejected by the keep rule, drawn per document id. The model (shipped with
 * {@code addFile}) is loaded once per executor JVM.
 */
final class QualityOutcome implements UDF3<String, String, String, Row> {
    static final StructType TYPE = OutcomeProjection.type(new StructType()
            .add(Documents.QUALITY_SCORE, DataTypes.DoubleType, false));

    private final QualityParams params;
    private final String modelFileName;
    /** Set on the executor at the first row. */
    private transient FastTextScorer model;
    private transient int positive;
    private transient KeepRule rule;

    QualityOutcome(QualityParams params, String modelFileName) {
        this.params = params;
        this.modelFileName = modelFileName;
    }

    @Override
    public Row call(String id, String dataset, String text) {
        if (model == null) {
            FastTextScorer loaded = QualityModels.get(SparkFiles.get(modelFileName));
            positive = QualityModelTraining.positiveLabel(loaded);
            rule = params.keepRule();
            model = loaded;
        }
        double score = QualityModelTraining.score(model, positive, QualityText.prepare(text == null ? "" : text));
        boolean keep = !params.filters(dataset) || rule.keep(score, id);
        // The reason names the score's tenth (quality:0.1 = [0.1, 0.2)), so counts by reason stay
        // a histogram of what was dropped; the exact score is in the detail.
        return RowFactory.create(score,
                keep ? null : String.format(Locale.ROOT, "quality:%.1f", Math.floor(score * 10) / 10),
                keep ? null : String.format(Locale.ROOT, "score %.4f, %s keep probability %.4f",
                        score, params.keep(), rule.keepProbability(score)));
    }
}
