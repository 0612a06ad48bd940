package dev.winnow.jobs.stages;

import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.language.LanguageDecision;
import dev.winnow.jobs.language.LanguageParams;
import dev.winnow.quality.lid.Detection;
import dev.winnow.quality.lid.LanguageIdentifier;
import dev.winnow.quality.lid.LidOptions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Set;

/**
 * The language stage's per-document outcome ({@link OutcomeProjection}) from the text and the
 * dataset: {@code lang} and {@code lang_score} for every document, and a reason where the keep rule
 * applies to its dataset and rejects it. The model is loaded once per executor JVM and shared.
 */
final class LanguageOutcome implements UDF2<String, String, Row> {
    static final StructType TYPE = OutcomeProjection.type(new StructType()
            .add(Documents.LANG, DataTypes.StringType, false)
            .add(Documents.LANG_SCORE, DataTypes.DoubleType, false));

    private final LanguageParams params;
    /** Set on the executor at the first row: the model is not shipped with the function. */
    private transient LanguageIdentifier lid;
    private transient Set<String> keep;

    LanguageOutcome(LanguageParams params) {
        this.params = params;
    }

    @Override
    public Row call(String text, String dataset) {
        if (lid == null) {
            LidOptions options = params.options();
            LanguageIdentifier shared = LanguageIdentifier.shared();
            lid = shared.options().equals(options) ? shared : shared.withOptions(options);
            keep = params.keepSet();
        }
        Detection d = lid.detect(text == null ? "" : text, 1);
        String reason = params.filters(dataset) ? LanguageDecision.reason(d, keep, params.minScore()) : null;
        return RowFactory.create(d.language(), d.confidence(), reason,
                reason == null ? null : LanguageDecision.detail(d, keep, params.minScore()));
    }
}
