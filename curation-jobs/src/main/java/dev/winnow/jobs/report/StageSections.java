package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.dedup.Representatives;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.StageManifest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.substring;

/**
 * The sections that look into a stage's documents, each from Spark aggregations over the stage
 * folder and its rejected rows (only a few example documents reach the driver): language, quality
 * and dedup.
 */
final class StageSections {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int EXCERPT = 300;

    private StageSections() {
    }

    static Dataset<Row> kept(SparkSession spark, RunLayout layout, StageManifest m) {
        return spark.read().parquet(layout.stageDir(m.index(), m.stage()).toString());
    }

    static Dataset<Row> rejected(SparkSession spark, RunLayout layout, StageManifest m) throws IOException {
        return layout.fs().exists(layout.rejectedDir(m.stage())) && m.rejected() > 0
                ? spark.read().parquet(layout.rejectedDir(m.stage()).toString()) : null;
    }

    /** Detected languages (kept by lang, rejected by their language:<code> reason) and a histogram of kept confidence. */
    static ObjectNode language(SparkSession spark, RunLayout layout, StageManifest m) throws IOException {
        ObjectNode out = F.objectNode();
        ArrayNode langs = out.putArray("languages");
        Dataset<Row> kept = m.kept() > 0 ? kept(spark, layout, m) : null;
        java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
        if (kept != null) {
            for (Row r : kept.groupBy(col(Documents.LANG)).count().collectAsList()) {
                counts.computeIfAbsent(r.getString(0), k -> new long[2])[0] += r.getLong(1);
            }
        }
        Dataset<Row> rejected = rejected(spark, layout, m);
        if (rejected != null) {
            for (Row r : rejected.select(regexp_extract(col("reason"), "^language:(.*)$", 1).as("lang")).groupBy("lang").count().collectAsList()) {
                counts.computeIfAbsent(r.getString(0).isEmpty() ? "und" : r.getString(0), k -> new long[2])[1] += r.getLong(1);
            }
        }
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> langs.addObject().put("lang", e.getKey()).put("kept", e.getValue()[0]).put("rejected", e.getValue()[1]));
        out.set("score_histogram", kept == null ? F.arrayNode() : histogram(kept, Documents.LANG_SCORE));
        return out;
    }

    /** Quality score histograms per dataset (kept by score, rejected by the tenth in their reason), kept fraction, examples. */
    static ObjectNode quality(SparkSession spark, RunLayout layout, StageManifest m, double alpha) throws IOException {
        ObjectNode out = F.objectNode();
        java.util.Map<String, long[][]> bins = new java.util.TreeMap<>();
        Dataset<Row> kept = m.kept() > 0 ? kept(spark, layout, m) : null;
        if (kept != null) {
            for (Row r : kept.groupBy(col(Documents.DATASET), tenth(col(Documents.QUALITY_SCORE))).count().collectAsList()) {
                bins.computeIfAbsent(r.getString(0), d -> new long[10][2])[(int) r.getLong(1)][0] += r.getLong(2);
            }
        }
        Dataset<Row> rejected = rejected(spark, layout, m);
        if (rejected != null) {
            Column tenth = tenth(regexp_extract(col("reason"), "^quality:([0-9.]+)$", 1).cast("double"));
            for (Row r : rejected.groupBy(col(Documents.DATASET), tenth).count().collectAsList()) {
                bins.computeIfAbsent(r.getString(0), d -> new long[10][2])[r.isNullAt(1) ? 0 : (int) r.getLong(1)][1] += r.getLong(2);
            }
        }
        ArrayNode hist = out.putArray("histogram");
        bins.forEach((d, b) -> {
            for (int i = 0; i < 10; i++) {
                hist.addObject().put("dataset", d).put("score_from", i / 10.0).put("kept", b[i][0]).put("rejected", b[i][1]);
            }
        });
        ArrayNode curve = out.putArray("pareto_keep_curve");
        for (int i = 0; i <= 20; i++) {
            double s = i / 20.0;
            curve.addObject().put("score", s).put("keep_probability", Math.pow(2 - s, -alpha));
        }
        ArrayNode examples = out.putArray("examples");
        if (kept != null) {
            // Three documents reach the driver: the lowest score, the one nearest the median, the highest.
            Dataset<Row> scored = kept.select(col(Documents.ID), col(Documents.DATASET), col(Documents.QUALITY_SCORE),
                    substring(col(Documents.TEXT), 1, EXCERPT).as("excerpt"));
            double median = kept.stat().approxQuantile(Documents.QUALITY_SCORE, new double[] {0.5}, 0.001)[0];
            Column[] orders = {
                col(Documents.QUALITY_SCORE).asc(),
                org.apache.spark.sql.functions.abs(col(Documents.QUALITY_SCORE).minus(median)).asc(),
                col(Documents.QUALITY_SCORE).desc(),
            };
            String[] labels = {"low", "middle", "high"};
            for (int k = 0; k < 3; k++) {
                List<Row> one = scored.orderBy(orders[k], col(Documents.ID)).limit(1).collectAsList();
                for (Row r : one) {
                    examples.addObject().put("at", labels[k]).put("id", r.getString(0)).put("dataset", r.getString(1))
                            .put("quality_score", r.getDouble(2)).put("excerpt", r.getString(3));
                }
            }
        }
        return out;
    }

    /** Cluster sizes, the largest clusters with an excerpt, and duplicates removed per (kept dataset, removed dataset). */
    static ObjectNode dedup(SparkSession spark, RunLayout layout, StageManifest m) throws IOException {
        ObjectNode out = F.objectNode().put("stage", m.stage());
        String dir = layout.tableDir("clusters", m.stage()).toString();
        if (!layout.fs().exists(layout.tableDir("clusters", m.stage()))) {
            return out;
        }
        Dataset<Row> clusters = spark.read().parquet(dir);
        ArrayNode sizes = out.putArray("cluster_sizes");
        for (Row r : clusters.groupBy(col(Representatives.SIZE)).count().orderBy(col(Representatives.SIZE)).collectAsList()) {
            sizes.addObject().put("size", r.getLong(0)).put("clusters", r.getLong(1));
        }
        ArrayNode largest = out.putArray("largest_clusters");
        Dataset<Row> text = kept(spark, layout, m).select(col(Documents.ID).as("_id"), substring(col(Documents.TEXT), 1, EXCERPT).as("excerpt"));
        for (Row r : clusters.orderBy(col(Representatives.SIZE).desc(), col(Representatives.CLUSTER)).limit(5)
                .join(text, col(Representatives.CLUSTER).equalTo(col("_id")), "left")
                .orderBy(col(Representatives.SIZE).desc(), col(Representatives.CLUSTER)).collectAsList()) {
            ObjectNode c = largest.addObject().put("cluster", r.<String>getAs(Representatives.CLUSTER))
                    .put("size", ((Number) r.getAs(Representatives.SIZE)).longValue())
                    .put("representative_dataset", r.<String>getAs(Representatives.REPRESENTATIVE_DATASET))
                    .put("excerpt", r.<String>getAs("excerpt"));
            java.util.Map<String, Integer> datasets = new java.util.TreeMap<>();
            for (Row member : r.<Row>getList(r.fieldIndex(Representatives.MEMBERS))) {
                datasets.merge(member.getString(1), 1, Integer::sum);
            }
            ObjectNode ds = c.putObject("member_datasets");
            datasets.forEach(ds::put);
        }
        ArrayNode pairs = out.putArray("removed_by_dataset_pair");
        for (Row r : clusters.select(col(Representatives.CLUSTER), col(Representatives.REPRESENTATIVE_DATASET),
                        explode(col(Representatives.MEMBERS)).as("m"))
                .filter(col("m").getField("id").notEqual(col(Representatives.CLUSTER)))
                .groupBy(col(Representatives.REPRESENTATIVE_DATASET), col("m").getField("dataset").as("removed_dataset"))
                .count().orderBy(col("count").desc(), col(Representatives.REPRESENTATIVE_DATASET)).collectAsList()) {
            pairs.addObject().put("kept_dataset", r.getString(0)).put("removed_dataset", r.getString(1)).put("removed", r.getLong(2));
        }
        return out;
    }

    /**
     * One rejected row of each reason (dedup: each code) of a stage, the one with the least id,
     * with an excerpt of its text: one aggregation, no sort of the rejected rows.
     */
    static void rejectedExamples(SparkSession spark, RunLayout layout, StageManifest m, ArrayNode out) throws IOException {
        Dataset<Row> rejected = rejected(spark, layout, m);
        if (rejected == null) {
            return;
        }
        // Dedup reasons name the kept document (fuzzy-dup:<id>): by code, or there would be a group per cluster.
        Column group = org.apache.spark.sql.functions.regexp_replace(col("reason"), "^(exact-dup|fuzzy-dup):.*$", "$1");
        Column example = org.apache.spark.sql.functions.struct(col(Documents.ID), col(Documents.DATASET), col("reason"),
                col("detail"), substring(col(Documents.TEXT), 1, EXCERPT).as("excerpt"));
        for (Row r : rejected.groupBy(group.as("group")).agg(org.apache.spark.sql.functions.min(example).as("e"))
                .orderBy(col("group")).collectAsList()) {
            Row e = r.getStruct(1);
            out.addObject().put("stage", m.stage()).put("reason", e.getString(2)).put("id", e.getString(0))
                    .put("dataset", e.getString(1)).put("detail", e.getString(3)).put("excerpt", e.getString(4));
        }
    }

    /** The tenth a score falls in, 0..9 (a score of 1.0 goes in the last). */
    private static Column tenth(Column score) {
        return least(floor(score.multiply(10)), lit(9L));
    }

    private static ArrayNode histogram(Dataset<Row> docs, String column) {
        ArrayNode out = F.arrayNode();
        long[] bins = new long[10];
        for (Row r : docs.groupBy(tenth(col(column))).agg(count(lit(1))).collectAsList()) {
            if (!r.isNullAt(0)) {
                bins[(int) Math.max(0, r.getLong(0))] += r.getLong(1);
            }
        }
        for (int i = 0; i < 10; i++) {
            out.addObject().put("score_from", i / 10.0).put("documents", bins[i]);
        }
        return out;
    }
}
