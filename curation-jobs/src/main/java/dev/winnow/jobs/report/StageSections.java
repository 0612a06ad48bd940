package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.dedup.Representatives;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.quality.QualityParams;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.quality.keep.KeepRule;
import dev.winnow.quality.keep.ParetoKeepRule;
import dev.winnow.quality.keep.ThresholdKeepRule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
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
    private static final int EXCERPT = StageManifest.Example.EXCERPT_CHARS;
    private static final String LANGUAGE_REASON = "language:";

    private StageSections() {
    }

    static Dataset<Row> kept(SparkSession spark, RunLayout layout, StageManifest m) {
        return spark.read().parquet(layout.stageDir(m.index(), m.stage()).toString());
    }

    static Dataset<Row> rejected(SparkSession spark, RunLayout layout, StageManifest m) throws IOException {
        return layout.fs().exists(layout.rejectedDir(m.stage())) && m.rejected() > 0
                ? spark.read().parquet(layout.rejectedDir(m.stage()).toString()) : null;
    }

    /**
     * Detected languages (kept by {@code lang}; rejected from the manifest's {@code language:<code>}
     * counts) and a histogram of the kept documents' confidence: one aggregation over the kept rows.
     */
    static ObjectNode language(SparkSession spark, RunLayout layout, StageManifest m) {
        ObjectNode out = F.objectNode();
        ArrayNode langs = out.putArray("languages");
        java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
        long[] bins = new long[10];
        if (m.kept() > 0) {
            for (Row r : kept(spark, layout, m).groupBy(col(Documents.LANG), tenth(col(Documents.LANG_SCORE)))
                    .count().collectAsList()) {
                counts.computeIfAbsent(r.getString(0), k -> new long[2])[0] += r.getLong(2);
                if (!r.isNullAt(1)) {
                    bins[(int) Math.max(0, r.getLong(1))] += r.getLong(2);
                }
            }
        }
        m.rejectedByReason().forEach((reason, n) -> {
            if (reason.startsWith(LANGUAGE_REASON)) {
                counts.computeIfAbsent(reason.substring(LANGUAGE_REASON.length()), k -> new long[2])[1] += n;
            }
        });
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> langs.addObject().put("lang", e.getKey()).put("kept", e.getValue()[0]).put("rejected", e.getValue()[1]));
        ArrayNode hist = out.putArray("score_histogram");
        if (m.kept() > 0) {
            for (int i = 0; i < 10; i++) {
                hist.addObject().put("score_from", i / 10.0).put("documents", bins[i]);
            }
        }
        return out;
    }

    /**
     * The keep rule the quality stage ran with, from the settings its manifest records; MT-NLG's
     * (Pareto, α = 3) for a manifest that predates them, and the section says it was assumed.
     */
    static KeepRule recordedKeepRule(StageManifest m) {
        Map<String, String> s = m.settings();
        if (s == null || !s.containsKey("quality.keep")) {
            return new ParetoKeepRule(ParetoKeepRule.DEFAULT_ALPHA, 0);
        }
        return QualityParams.keepRule(unquoted(s.get("quality.keep")), Double.parseDouble(s.get("quality.alpha")),
                Double.parseDouble(s.get("quality.threshold")), Long.parseLong(s.get("quality.seed")));
    }

    static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * Quality score histograms per dataset (kept by score, rejected by the tenth in their reason),
     * the keep rule's curve, the model and its held-out evaluation, examples.
     */
    static ObjectNode quality(SparkSession spark, RunLayout layout, StageManifest m) throws IOException {
        ObjectNode out = F.objectNode();
        KeepRule rule = recordedKeepRule(m);
        out.put("keep_rule", (rule instanceof ThresholdKeepRule t ? "threshold " + t.threshold()
                : "pareto, alpha " + ((ParetoKeepRule) rule).alpha())
                + (m.settings() == null ? " (assumed: the stage's manifest predates recorded settings)" : ""));
        out.set("model", QualityModelSection.of(layout, m));
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
        ArrayNode curve = out.putArray("keep_curve");
        for (int i = 0; i <= 20; i++) {
            double score = i / 20.0;
            curve.addObject().put("score", score).put("keep_probability", rule.keepProbability(score));
        }
        ArrayNode examples = out.putArray("examples");
        if (kept != null) {
            // Three documents reach the driver: the lowest score, the one nearest the median, the
            // highest. Chosen on (id, dataset, score) alone; only their text is read afterwards.
            Dataset<Row> scored = kept.select(col(Documents.ID), col(Documents.DATASET), col(Documents.QUALITY_SCORE));
            double median = kept.stat().approxQuantile(Documents.QUALITY_SCORE, new double[] {0.5}, 0.001)[0];
            Column[] orders = {
                col(Documents.QUALITY_SCORE).asc(),
                org.apache.spark.sql.functions.abs(col(Documents.QUALITY_SCORE).minus(median)).asc(),
                col(Documents.QUALITY_SCORE).desc(),
            };
            String[] labels = {"low", "middle", "high"};
            List<ObjectNode> chosen = new java.util.ArrayList<>();
            for (int k = 0; k < 3; k++) {
                for (Row r : scored.orderBy(orders[k], col(Documents.ID)).limit(1).collectAsList()) {
                    chosen.add(examples.addObject().put("at", labels[k]).put("id", r.getString(0))
                            .put("dataset", r.getString(1)).put("quality_score", r.getDouble(2)));
                }
            }
            addExcerpts(kept, chosen, "id");
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
        // Sizes and dataset pairs were counted by the stage (its manifest's metrics).
        java.util.Map<Long, Long> bySize = new java.util.TreeMap<>();
        java.util.List<Object[]> removed = new java.util.ArrayList<>();
        m.metrics().forEach((k, v) -> {
            if (k.startsWith(Representatives.CLUSTER_SIZE_METRIC)) {
                bySize.put(Long.parseLong(k.substring(Representatives.CLUSTER_SIZE_METRIC.length())), v);
            } else if (k.startsWith(Representatives.REMOVED_PAIR_METRIC)) {
                String[] pair = k.substring(Representatives.REMOVED_PAIR_METRIC.length()).split(Representatives.PAIR_SEPARATOR, 2);
                removed.add(new Object[] {pair[0], pair[1], v});
            }
        });
        ArrayNode sizes = out.putArray("cluster_sizes");
        bySize.forEach((size, n) -> sizes.addObject().put("size", size).put("clusters", n));
        ArrayNode largest = out.putArray("largest_clusters");
        List<ObjectNode> shown = new java.util.ArrayList<>();
        // The five largest are chosen on (cluster, size) alone; only their member lists are read.
        Object[] top = clusters.select(col(Representatives.CLUSTER), col(Representatives.SIZE))
                .orderBy(col(Representatives.SIZE).desc(), col(Representatives.CLUSTER)).limit(5)
                .collectAsList().stream().map(r -> r.getString(0)).toArray();
        for (Row r : clusters.filter(col(Representatives.CLUSTER).isin(top))
                .orderBy(col(Representatives.SIZE).desc(), col(Representatives.CLUSTER)).limit(5).collectAsList()) {
            ObjectNode c = largest.addObject().put("cluster", r.<String>getAs(Representatives.CLUSTER))
                    .put("size", ((Number) r.getAs(Representatives.SIZE)).longValue())
                    .put("representative_dataset", r.<String>getAs(Representatives.REPRESENTATIVE_DATASET));
            java.util.Map<String, Integer> datasets = new java.util.TreeMap<>();
            for (Row member : r.<Row>getList(r.fieldIndex(Representatives.MEMBERS))) {
                datasets.merge(member.getString(1), 1, Integer::sum);
            }
            ObjectNode ds = c.putObject("member_datasets");
            datasets.forEach(ds::put);
            shown.add(c);
        }
        // A cluster is named by its representative's id, whose text is in the stage folder.
        addExcerpts(kept(spark, layout, m), shown, "cluster");
        ArrayNode pairs = out.putArray("removed_by_dataset_pair");
        removed.sort(java.util.Comparator.<Object[], Long>comparing(p -> (Long) p[2]).reversed()
                .thenComparing(p -> (String) p[0]).thenComparing(p -> (String) p[1]));
        for (Object[] p : removed) {
            pairs.addObject().put("kept_dataset", (String) p[0]).put("removed_dataset", (String) p[1]).put("removed", (Long) p[2]);
        }
        return out;
    }

    /**
     * One rejected row of each reason (dedup: each code) of a stage, the one with the least id,
     * with an excerpt of its text: from the manifest, where the stage runner put them (manifests
     * written before it did have none).
     */
    static void rejectedExamples(StageManifest m, ArrayNode out) {
        if (m.examples() != null) {
            for (StageManifest.Example e : m.examples()) {
                out.addObject().put("stage", m.stage()).put("reason", e.reason()).put("id", e.id())
                        .put("dataset", e.dataset()).put("detail", e.detail()).put("excerpt", e.excerpt());
            }
        }
    }

    /**
     * Puts an {@code excerpt} (the first characters of the text) into each example, looked up by
     * the id in its {@code idField} in {@code docs}: one filtered read, the text of other rows is never
     * materialised. An id found more than once (ids need not be unique) gets its least excerpt.
     */
    private static void addExcerpts(Dataset<Row> docs, List<ObjectNode> examples, String idField) {
        if (examples.isEmpty()) {
            return;
        }
        Object[] ids = examples.stream().map(e -> e.get(idField).asText()).distinct().toArray();
        java.util.Map<String, String> excerpts = new java.util.HashMap<>();
        for (Row r : docs.filter(col(Documents.ID).isin(ids))
                .groupBy(col(Documents.ID)).agg(org.apache.spark.sql.functions.min(substring(col(Documents.TEXT), 1, EXCERPT)))
                .collectAsList()) {
            excerpts.put(r.getString(0), r.getString(1));
        }
        for (ObjectNode e : examples) {
            e.put("excerpt", excerpts.get(e.get(idField).asText()));
        }
    }

    /** The tenth a score falls in, 0..9 (a score of 1.0 goes in the last). */
    private static Column tenth(Column score) {
        return least(floor(score.multiply(10)), lit(9L));
    }

}
