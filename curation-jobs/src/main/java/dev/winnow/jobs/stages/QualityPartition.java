package dev.winnow.jobs.stages;

import dev.winnow.jobs.quality.QualityModels;
import dev.winnow.jobs.quality.QualityParams;
import dev.winnow.quality.QualityModelTraining;
import dev.winnow.quality.QualityText;
import dev.winnow.quality.fasttext.FastTextScorer;
import dev.winnow.quality.keep.KeepRule;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Locale;
import java.util.function.Function;

/**
 * The executor side of the quality stage: every row gets {@code quality_score} = P(high quality);
 * rows of filtered datasets are kept or rejected by the keep rule, drawn per document id.
 */
final class QualityPartition extends RowMapPartition {
    private final QualityParams params;
    private final String modelFileName;
    private final int id;
    private final int dataset;
    private final int text;

    QualityPartition(QualityParams params, String modelFileName, int idColumn, int datasetColumn, int textColumn) {
        this.params = params;
        this.modelFileName = modelFileName;
        this.id = idColumn;
        this.dataset = datasetColumn;
        this.text = textColumn;
    }

    @Override
    Function<Row, Row> mapper() {
        FastTextScorer model = QualityModels.get(SparkFiles.get(modelFileName));
        int positive = QualityModelTraining.positiveLabel(model);
        KeepRule rule = params.keepRule();
        return row -> {
            String body = row.isNullAt(text) ? "" : row.getString(text);
            double score = QualityModelTraining.score(model, positive, QualityText.prepare(body));
            boolean keep = !params.filters(row.getString(dataset)) || rule.keep(score, row.getString(id));
            Object[] values = valuesWithRoomFor(row, 3);
            values[row.size()] = score;
            // The reason names the score's tenth (quality:0.1 = [0.1, 0.2)), so counts by reason stay
            // a histogram of what was dropped; the exact score is in the detail.
            values[row.size() + 1] = keep ? null : String.format(Locale.ROOT, "quality:%.1f",
                    Math.floor(score * 10) / 10);
            values[row.size() + 2] = keep ? null : String.format(Locale.ROOT, "score %.4f, %s keep probability %.4f",
                    score, params.keep(), rule.keepProbability(score));
            return RowFactory.create(values);
        };
    }
}
