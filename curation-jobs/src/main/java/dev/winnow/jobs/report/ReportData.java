package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.blending.BlendManifest;
import dev.winnow.blending.run.StageChain;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.BlendStage;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * Everything the report shows, as {@code report.json}: read from the committed stage manifests,
 * Spark aggregations for the sections that look into documents, and the blend manifest.
 * A section is present only when its stage ran: a run without a blend has no {@code blend} key.
 */
public final class ReportData {
    private ReportData() {
    }

    public static ObjectNode build(SparkSession spark, RunLayout layout) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode report = f.objectNode();
        ObjectNode timings = f.objectNode();
        // Only the stages of the run's current output: not a stage dropped from winnow.stages, nor
        // those after a stage re-run with --to (their counts are of an older input).
        StageChain<StageManifest> chain = layout.stageChain();
        List<StageManifest> manifests = chain.current();
        report.put("run", layout.root().toString());
        if (!chain.stale().isEmpty()) {
            ArrayNode stale = report.putArray("stale_stages");
            chain.stale().forEach(st -> stale.addObject().put("folder", st.folder()).put("why", st.why()));
        }
        boolean blendCurrent = chain.currentStage(BlendStage.NAME).isPresent();
        BlendManifest blend = blendCurrent ? layout.readBlendManifest().orElse(null) : null;
        long t = System.nanoTime();
        report.set("funnel", funnel(manifests, blend));
        t = lap(timings, "funnel", t);
        report.set("reasons", reasons(manifests));
        report.set("file_errors", fileErrors(manifests));
        ArrayNode examples = f.arrayNode();
        for (StageManifest m : manifests) {
            StageSections.rejectedExamples(m, examples);
        }
        report.set("rejected_examples", examples);
        t = lap(timings, "rejected_examples", t);
        ArrayNode dedup = f.arrayNode();
        for (StageManifest m : manifests) {
            switch (m.stage()) {
                case "language" -> report.set("language", StageSections.language(spark, layout, m));
                // The keep curve is the rule the stage ran with, from its manifest's settings.
                case "quality" -> report.set("quality", StageSections.quality(spark, layout, m));
                case "exact-dedup", "fuzzy-dedup" -> dedup.add(StageSections.dedup(spark, layout, m));
                case "decontaminate" -> report.set("decontamination", decontamination(m));
                default -> {
                }
            }
            t = lap(timings, m.stage(), t);
        }
        if (!dedup.isEmpty()) {
            report.set("dedup", dedup);
        }
        if (blend != null) {
            report.set("blend", blend(blend));
        }
        report.set("run_facts", facts(manifests));
        ArrayNode settings = settings(manifests);
        if (!settings.isEmpty()) {
            report.set("settings", settings);
        }
        report.set("report_ms", timings);
        return report;
    }

    /** Records the milliseconds since {@code t0} under {@code key}; returns now. */
    private static long lap(ObjectNode timings, String key, long t0) {
        long now = System.nanoTime();
        timings.put(key, (now - t0) / 1_000_000);
        return now;
    }

    /**
     * Per stage and dataset: documents in, kept and rejected (the manifests' counts exactly), and
     * the characters of the kept documents (from the manifest, which the runner sums them into; absent
     * in manifests written before it did); for the blend stage, the tokens each dataset holds.
     */
    private static ArrayNode funnel(List<StageManifest> manifests, BlendManifest blend) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (StageManifest m : manifests) {
            for (var e : m.datasets().entrySet()) {
                ObjectNode row = rows.addObject();
                row.put("stage", m.stage());
                row.put("index", m.index());
                row.put("dataset", e.getKey());
                row.put("in", e.getValue().in());
                row.put("kept", e.getValue().kept());
                row.put("rejected", e.getValue().rejected());
                long files = m.fileErrors() == null ? 0
                        : m.fileErrors().stream().filter(fe -> fe.dataset().equals(e.getKey())).count();
                if (files > 0 || m.stage().equals("ingest")) {
                    row.put("file_errors", files); // whole files unread, cut short or empty: see file_errors
                }
                if (m.keptChars() != null) {
                    row.put("kept_chars", m.keptChars().getOrDefault(e.getKey(), 0L));
                }
                if (blend != null && m.stage().equals("blend") && blend.datasets().containsKey(e.getKey())) {
                    row.put("kept_tokens", blend.datasets().get(e.getKey()).tokens());
                }
            }
        }
        return rows;
    }

    /** Per stage, rejection reasons with their counts, most frequent first. */
    private static ArrayNode reasons(List<StageManifest> manifests) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (StageManifest m : manifests) {
            m.rejectedByReason().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> rows.addObject().put("stage", m.stage()).put("reason", e.getKey()).put("rows", e.getValue()));
        }
        return rows;
    }

    /**
     * Files a stage could not read (fully): unreadable, cut short or empty, with the file's name in
     * its dataset and the reader's error, as the manifests list them.
     */
    private static ArrayNode fileErrors(List<StageManifest> manifests) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (StageManifest m : manifests) {
            if (m.fileErrors() == null) {
                continue;
            }
            for (StageManifest.FileError e : m.fileErrors()) {
                rows.addObject().put("stage", m.stage()).put("dataset", e.dataset()).put("file", e.file())
                        .put("reason", e.reason()).put("error", e.detail());
            }
        }
        return rows;
    }

    /** Per task: examples, documents touched, n-grams matched, matches, characters removed. */
    private static ArrayNode decontamination(StageManifest m) {
        Map<String, ObjectNode> tasks = new TreeMap<>();
        m.metrics().forEach((k, v) -> {
            if (k.startsWith("task.")) {
                String task = k.substring(5, k.lastIndexOf('.'));
                tasks.computeIfAbsent(task, t -> JsonNodeFactory.instance.objectNode().put("task", t))
                        .put(k.substring(k.lastIndexOf('.') + 1), v);
            }
        });
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        tasks.values().forEach(rows::add);
        return rows;
    }

    /** The paper-style table: dataset, tokens, target weight, share of the data, epochs. */
    private static ArrayNode blend(BlendManifest manifest) {
        long total = manifest.datasets().values().stream().mapToLong(BlendManifest.Dataset::tokens).sum();
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        manifest.datasets().forEach((d, e) -> rows.addObject()
                .put("dataset", d)
                .put("documents", e.documents())
                .put("tokens", e.tokens())
                .put("weight", e.weight())
                .put("effective_weight", e.effectiveWeight())
                .put("data_share", total == 0 ? 0 : e.tokens() / (double) total)
                .put("epochs", e.epochs())
                .put("shards", e.shards().size())
                .put("target_tokens", manifest.targetTokens()));
        return rows;
    }

    /** What each stage's config hash covers, key by key, as its manifest records it (none for older manifests). */
    private static ArrayNode settings(List<StageManifest> manifests) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (StageManifest m : manifests) {
            if (m.settings() != null) {
                m.settings().forEach((k, v) -> rows.addObject().put("stage", m.stage()).put("key", k).put("value", v));
            }
        }
        return rows;
    }

    private static ArrayNode facts(List<StageManifest> manifests) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (StageManifest m : manifests) {
            rows.addObject().put("stage", m.stage()).put("started", m.started()).put("elapsed_ms", m.elapsedMs())
                    .put("config_hash", m.configHash()).put("spark", m.sparkVersion()).put("master", m.master());
        }
        return rows;
    }
}
