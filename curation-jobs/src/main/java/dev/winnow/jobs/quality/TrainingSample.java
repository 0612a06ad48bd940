package dev.winnow.jobs.quality;

import dev.winnow.jobs.docs.Documents;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha1;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.translate;

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
 * under the threshold is collected, so the first {@code max} overall are among them. Two passes
 * over the input, as the two {@code orderBy}s before: one count, one collect.
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
        Dataset<Row> docs = input
                .filter(col(Documents.DATASET).isin(all.toArray()).and(col(Documents.TEXT).isNotNull()))
                .select(col(Documents.DATASET), hash.as("key"),
                        conv(substring(hash, 1, 15), 16, 10).cast("long").as("key60"), col(Documents.ID),
                        prepared().as("prepared"));
        Map<String, Long> perDataset = new HashMap<>();
        for (Row r : docs.groupBy(Documents.DATASET).count().collectAsList()) {
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
                if (mine.size() >= Math.min(max, size[c])) {
                    result.set(c, mine.stream().limit(max).map(r -> r.getString(3)).toList());
                } else if (under == KEY_SPACE) {
                    throw new IllegalStateException("quality: the input changed while sampling " + datasets
                            + " (counted " + size[c] + " documents, then read " + mine.size() + ")");
                } else {
                    threshold[c] = under >= KEY_SPACE / 2 ? KEY_SPACE : under * 2;
                }
            }
        }
        return result;
    }

    /** (SHA-1 of the id, id, prepared text): a total order, the same in every run. */
    private static final Comparator<Row> ORDER = Comparator.<Row, String>comparing(r -> r.getString(1))
            .thenComparing(r -> r.getString(2)).thenComparing(r -> r.getString(3));

    /** Pile-CC's preparation in Spark SQL: newlines to spaces, the first 4,000 characters' last 1,500. */
    private static Column prepared() {
        Column flat = substring(translate(col(Documents.TEXT), "\n", " "), 1, 4000);
        return substring(flat, greatest(length(flat).minus(1499), lit(1)), lit(1500));
    }
}
