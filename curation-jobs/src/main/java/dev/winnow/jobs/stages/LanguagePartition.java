package dev.winnow.jobs.stages;

import dev.winnow.jobs.language.LanguageDecision;
import dev.winnow.jobs.language.LanguageParams;
import dev.winnow.quality.lid.Detection;
import dev.winnow.quality.lid.LanguageIdentifier;
import dev.winnow.quality.lid.LidOptions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Set;
import java.util.function.Function;

/**
 * The executor side of the language stage: every row gets {@code lang} and {@code lang_score},
 * and an outcome (kept, whatever the language, in a dataset the keep rule does not apply to). The
 * model is loaded once per executor JVM and shared by its tasks.
 */
final class LanguagePartition extends RowMapPartition {
    private final LanguageParams params;
    private final int text;
    private final int dataset;

    LanguagePartition(LanguageParams params, int textColumn, int datasetColumn) {
        this.params = params;
        this.text = textColumn;
        this.dataset = datasetColumn;
    }

    @Override
    Function<Row, Row> mapper() {
        LidOptions options = params.options();
        LanguageIdentifier shared = LanguageIdentifier.shared();
        LanguageIdentifier lid = shared.options().equals(options) ? shared : shared.withOptions(options);
        Set<String> keep = params.keepSet();
        double minScore = params.minScore();
        return row -> {
            Detection d = lid.detect(row.isNullAt(text) ? "" : row.getString(text), 1);
            String reason = params.filters(row.getString(dataset)) ? LanguageDecision.reason(d, keep, minScore) : null;
            Object[] values = valuesWithRoomFor(row, 4);
            values[row.size()] = d.language();
            values[row.size() + 1] = d.confidence();
            values[row.size() + 2] = reason;
            values[row.size() + 3] = reason == null ? null : LanguageDecision.detail(d, keep, minScore);
            return RowFactory.create(values);
        };
    }
}
