package dev.winnow.jobs.quality;

import dev.winnow.jobs.docs.Documents;
import dev.winnow.quality.QualityText;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha1;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.udf;

/**
 * The quality model's training texts: per class (a list of datasets), the first {@code max}
 * documents in the order of (SHA-1 of the id, id, text), prepared as the model sees them.
 *
 * <p>Why not {@code orderBy(key).limit(max)}: Spark runs that as a top-{@code max} per task,
 * and every task sends its whole top to the driver, full documents included. At 4 GB of input
 * that was 1.07 GB of task results for 19 tasks and the run failed on
 * {@code spark.driver.maxResultSize}. Here the hash is uniform, so a class of {@code n}
 * documents keeps those whose first 60 hash bits fall under a threshold set for about
 * {@code max}·1.05 + 4·√max + 64 of them; only those rows, prepared (at most 1,500
 * characters), reach the driver, which sorts them and keeps {@code max}. If the threshold lets
 * fewer through (a few standard deviations off), it doubles and the class is collected again. Exact: every document
 * under the threshold is collected, so the first {@code max} overall are among them.
 *
 * <p>Two passes over the input. The count reads the dataset column alone: it counts documents
 * without text too, which are never collected, so they can only lower the threshold (one more
 * round, never another sample). The collect prepares the text with the scoring's own
 * {@link QualityText#prepare}, in a UDF; Spark SQL's {@code translate} over the whole text (a
 * string and a map lookup per character) had made this pass cost nearly as much CPU as scoring
 * every document.
 */
final class TrainingSample {
    /** The hash space of the 60-bit key: 15 hex digits. */
    private static final long KEY_SPACE = 1L << 60;

    private TrainingSample() {
    }

    /** The training texts of each class, in the classes' order. */
    static List<List<String>> texts(Dataset<Row> input, List<List<String>> classes, int max) {
        return texts(input, classes, max, max * 1.05 + 4 * Math.sqrt(max) + 64);
    }

    /**
     * As {@link #texts(Dataset, List, int)}, the first threshold set for about {@code wanted}
     * documents per class (tests set it low to take the doubling path).
     */
    static List<List<String>> texts(Dataset<Row> input, List<List<String>> classes, int max, double wanted) {
        List<String> all = classes.stream().flatMap(List::stream).distinct().toList();
        Column hash = sha1(col(Documents.ID).cast("binary"));
        Dataset<Row> ofClasses = input.filter(col(Documents.DATASET).isin(all.toArray()));
        Dataset<Row> docs = ofClasses.filter(col(Documents.TEXT).isNotNull())
                .select(col(Documents.DATASET), hash.as("key"),
                        conv(substring(hash, 1, 15), 16, 10).cast("long").as("key60"), col(Documents.ID),
                        PREPARED.apply(col(Documents.TEXT)).as("prepared"));
        Map<String, Long> perDataset = new HashMap<>();
        for (Row r : ofClasses.groupBy(Documents.DATASET).count().collectAsList()) {
            perDataset.put(r.getString(0), r.getLong(1));
        }
        long[] threshold = new long[classes.size()];
        long[] size = new long[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            size[c] = classes.get(c).stream().mapToLong(d -> perDataset.getOrDefault(d, 0L)).sum();
            threshold[c] = wanted >= size[c] ? KEY_SPACE : (long) Math.ceil(wanted / size[c] * KEY_SPACE);
        }
        List<List<String>> result = new ArrayList<>(java.util.Collections.nCopies(classes.size(), null));
        while (result.contains(null)) {
            Column unfinished = lit(false);
            for (int c = 0; c < classes.size(); c++) {
                if (result.get(c) == null) {
                    unfinished = unfinished.or(col(Documents.DATASET).isin(classes.get(c).toArray())
                            .and(col("key60").lt(threshold[c])));
                }
            }
            List<Row> rows = docs.filter(unfinished)
                    .select(Documents.DATASET, "key", Documents.ID, "prepared", "key60").collectAsList();
            for (int c = 0; c < classes.size(); c++) {
                if (result.get(c) != null) {
                    continue;
                }
                List<String> datasets = classes.get(c);
                long under = threshold[c];
                List<Row> mine = rows.stream().filter(r -> datasets.contains(r.getString(0)) && r.getLong(4) < under)
                        .sorted(ORDER).toList();
                if (mine.size() > size[c]) {
                    throw new IllegalStateException("quality: the input changed while sampling " + datasets
                            + " (counted " + size[c] + " documents, then read " + mine.size() + " with text)");
                } else if (mine.size() >= Math.min(max, size[c]) || under == KEY_SPACE) {
                    // At the whole key space every document with text is here, however many the count saw.
                    result.set(c, mine.stream().limit(max).map(r -> r.getString(3)).toList());
                } else {
                    threshold[c] = under >= KEY_SPACE / 2 ? KEY_SPACE : under * 2;
                }
            }
        }
        return result;
    }

    /**
     * The text as the model sees it; empty where the text is null. The UDF gets the whole text:
     * Spark's {@code substring} walks UTF-8 one character at a time, which costs more than
     * decoding a typical document whole.
     */
    private static final UserDefinedFunction PREPARED =
            udf((UDF1<String, String>) QualityText::prepare, DataTypes.StringType).asNonNullable();

    /** (SHA-1 of the id, id, prepared text): a total order, the same in every run. */
    private static final Comparator<Row> ORDER = Comparator.<Row, String>comparing(r -> r.getString(1))
            .thenComparing(r -> r.getString(2)).thenComparing(r -> r.getString(3));
}
