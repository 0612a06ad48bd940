package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.quality.QualityModels;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.testing.SparkTestSession;
import dev.winnow.quality.QualityModelTraining;
import dev.winnow.quality.QualityText;
import dev.winnow.quality.fasttext.FastTextScorer;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality stage in local[2]: training in the run, scores, keep rules, accounting, errors. */
class QualityStageTest {
    @TempDir
    Path dir;

    private static String doc(boolean curated, Random r) {
        String[] good = {"the", "harbour", "town", "kept", "its", "old", "stone", "houses", "and", "the", "library",
            "holds", "records", "of", "fishing", "families", "since", "the", "river", "was", "bridged"};
        String[] bad = {"click", "here", "free", "bonus", "win", "cheap", "casino", "offer", "buy", "now", "deal",
            "limited", "prize", "winner", "best", "price"};
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < 60; w++) {
            String[] pool = curated ? good : bad;
            s.append(pool[r.nextInt(pool.length)]).append(' ');
        }
        return s.toString();
    }

    private void jsonl(String name, int curated, int spam, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < curated + spam; i++) {
            s.append("{\"id\":\"").append(i < curated ? "good" : "spam").append(i).append("\",\"text\":\"")
                    .append(doc(i < curated, r)).append("\"}\n");
        }
        Files.writeString(dir.resolve(name + ".jsonl"), s);
    }

    private String config(String run, String quality) throws IOException {
        jsonl("wiki", 60, 0, 1);
        jsonl("web", 0, 60, 2);
        jsonl("crawl", 40, 40, 3);
        return "winnow { run-dir = \"" + dir.resolve(run) + "\"\n datasets = [\n"
                + Stream.of("wiki", "web", "crawl").map(n -> "  { name = " + n + ", format = jsonl, path = \""
                        + dir.resolve(n + ".jsonl") + "\" }\n").collect(Collectors.joining())
                + " ]\n stages = [ingest, quality]\n"
                + " quality { positive = [wiki], negative = [web]\n"
                + "  train { dim = 16, bucket = 10000, epoch = 10, lr = 0.5, validation = 0.2 } }\n"
                + quality + "}\n";
    }

    private static StageManifest run(String config) {
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Pipeline(SparkTestSession.get(), WinnowConfig.parse(config, List.of()), StageCatalog::create,
                progress).run(null, null, progress).get(1);
    }

    private Map<String, Double> kept(String run) {
        return SparkTestSession.get().read().parquet(dir.resolve(run + "/stages/02-quality").toString())
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("quality_score")));
    }

    @Test
    void trainsScoresAndKeepsByTheParetoRule() throws IOException {
        StageManifest m = run(config("r1", ""));
        assertEquals(200, m.in()); // wiki 60 + web 60 + crawl 80
        assertEquals(m.in(), m.kept() + m.rejected());
        Map<String, Double> kept = kept("r1");
        // Positives are not filtered; crawl's good documents score near 1 and are kept.
        assertEquals(60, kept.keySet().stream().filter(id -> id.startsWith("wiki/")).count());
        assertEquals(40, kept.keySet().stream().filter(id -> id.startsWith("crawl/good")).count());
        kept.forEach((id, score) -> assertTrue(score >= 0 && score <= 1, id + " " + score));
        // Spam scores near 0: kept with probability (2 - s)^-3 ≈ 0.125, so a few of 100 survive.
        long spamKept = kept.keySet().stream().filter(id -> id.contains("spam")).count();
        assertTrue(spamKept >= 2 && spamKept <= 30, "spam kept " + spamKept);
        assertTrue(m.rejectedByReason().keySet().stream().allMatch(r -> r.startsWith("quality:0.")),
                m.rejectedByReason().toString());
        // the training's documents per class (wiki; web) and its two timings are in the manifest
        assertEquals(60L, m.metrics().get("train.positive_documents"), m.metrics().toString());
        assertEquals(60L, m.metrics().get("train.negative_documents"), m.metrics().toString());
        assertTrue(m.metrics().get("train.fit_ms") >= 0 && m.metrics().get("train.collect_ms") > 0,
                m.metrics().toString());
        // local[2]'s two cores, where the machine has them (the model does not depend on it).
        assertEquals(Math.min(2, Runtime.getRuntime().availableProcessors()), m.metrics().get("train.fit_threads"),
                m.metrics().toString());
        Path models = dir.resolve("r1/models");
        try (Stream<Path> files = Files.list(models)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList(); // Hadoop's local file system adds .crc files
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.get(0).matches("quality-[0-9a-f]{16}\\.bin"), names.toString());
            // the manifest names them, so that winnow prune keeps them
            assertEquals(Map.of(QualityStage.MODEL_FILE, "models/" + names.get(0),
                    QualityStage.MODEL_REPORT_FILE, "models/" + names.get(1)), m.files());
            String report = Files.readString(models.resolve(names.get(1)));
            assertTrue(report.contains("held_out: 24") && report.contains("roc_auc: "), report);
        }

        // A second run scoring with that model file, threshold rule: every spam document goes.
        Path model;
        try (Stream<Path> files = Files.list(models)) {
            model = files.filter(p -> p.getFileName().toString().matches("quality-.*\\.bin")).findFirst().orElseThrow();
        }
        String given = config("r2", "quality { model = \"" + model + "\", keep = threshold }\n");
        StageManifest t = run(given);
        Map<String, Double> keptByThreshold = kept("r2");
        assertEquals(0, keptByThreshold.keySet().stream().filter(id -> id.contains("spam")).count());
        assertEquals(100, t.kept());
        assertTrue(t.metrics().isEmpty(), "no training with a given model: " + t.metrics());
        keptByThreshold.forEach((id, score) -> assertEquals(kept.get(id), score, 1e-12, id));

        // Run again: skipped. Another model written over the same file reruns the stage, though
        // the config, which names only the path, is the same.
        StageManifest skipped = run(given);
        assertEquals(t.started(), skipped.started(), "nothing changed: the stage was skipped");
        assertTrue(t.settings().get("quality.model-file").matches("\\d+ bytes, modified .*"), t.settings().toString());
        Files.setLastModifiedTime(model, FileTime.fromMillis(Files.getLastModifiedTime(model).toMillis() + 60_000));
        StageManifest rerun = run(given);
        assertTrue(!rerun.configHash().equals(t.configHash()) && !rerun.started().equals(t.started()),
                "a new model file reruns the stage");
    }

    @Test
    void sameInputSameDecisions() throws IOException {
        run(config("a", ""));
        run(config("b", ""));
        assertEquals(kept("a"), kept("b"));
        try (Stream<Path> a = Files.list(dir.resolve("a/models")); Stream<Path> b = Files.list(dir.resolve("b/models"))) {
            assertEquals(a.map(p -> p.getFileName().toString()).sorted().toList(),
                    b.map(p -> p.getFileName().toString()).sorted().toList(), "same model, same content hash");
        }
        List<Row> rejected = SparkTestSession.get().read().parquet(dir.resolve("b/rejected/quality").toString())
                .collectAsList();
        assertTrue(rejected.stream().allMatch(r -> ((String) r.getAs("detail")).startsWith("score 0.")),
                rejected.toString());
    }

    /**
     * A long document is scored on the last 1,500 of its first 4,000 characters (code points,
     * newlines flattened), as the model file scores that text: here spam words, then good ones
     * (characters 2,500 to 4,000, with newlines, an emoji and accents), then spam again.
     */
    @Test
    void aLongDocumentIsScoredOnItsPreparedHead() throws IOException {
        // every document kept, so that each one's score is in the kept table
        String config = config("long", "quality { keep = threshold, threshold = 0 }\n");
        Random r = new Random(9);
        StringBuilder json = new StringBuilder();
        Map<String, String> texts = new TreeMap<>();
        for (int d = 0; d < 3; d++) {
            StringBuilder t = new StringBuilder();
            while (t.length() < 2500) {
                t.append(doc(false, r));
            }
            t.setLength(2500);
            while (t.codePointCount(0, t.length()) < 9000) {
                t.append(doc(true, r)).append(d == 0 ? "\n" : d == 1 ? "\uD83D\uDE00 " : "caf\u00e9 ");
                if (t.codePointCount(0, t.length()) > 4000) {
                    t.append(doc(false, r));
                }
            }
            String id = "long" + d;
            texts.put("crawl/" + id, t.toString());
            json.append("{\"id\":\"").append(id).append("\",\"text\":\"")
                    .append(t.toString().replace("\n", "\\n")).append("\"}\n");
        }
        Files.writeString(dir.resolve("crawl.jsonl"), json, StandardOpenOption.APPEND);
        run(config);

        Path model;
        try (Stream<Path> files = Files.list(dir.resolve("long/models"))) {
            model = files.filter(p -> p.getFileName().toString().matches("quality-.*\\.bin")).findFirst().orElseThrow();
        }
        FastTextScorer scorer = QualityModels.get(model.toString());
        int positive = QualityModelTraining.positiveLabel(scorer);
        Map<String, Double> scored = kept("long");
        assertTrue(scored.keySet().containsAll(texts.keySet()), scored.keySet().toString());
        texts.forEach((id, text) -> {
            double expected = QualityModelTraining.score(scorer, positive, QualityText.prepare(text));
            assertEquals(expected, scored.get(id), 1e-12, id);
            assertTrue(expected > 0.5, id + " is judged by its good middle: " + expected);
        });
    }

    /** Weights larger than the driver's heap fail the stage before any work, saying what to change. */
    @Test
    void weightsBeyondTheHeapFailTheStageBeforeAnyWork() throws IOException {
        long weights = 2_000_000L * 1000 * Float.BYTES;
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() <= weights,
                "this heap would hold " + (weights >> 20) + " MB of weights");
        String config = config("m1", "quality { train { dim = 1000, bucket = 2000000 } }\n");
        String m = assertThrows(dev.winnow.jobs.run.StageMemoryError.class, () -> run(config)).getMessage();
        assertTrue(m.startsWith("quality: the model's weights alone, quality.train.bucket 2,000,000 x "
                + "quality.train.dim 1000 floats = 7,629 MB, do not fit the driver's heap of "), m);
        assertTrue(m.contains("--driver-memory"), m);
        assertTrue(Files.notExists(dir.resolve("m1/stages/02-quality")), "nothing committed");
    }

    @Test
    void configErrorsNameTheProblem() throws IOException {
        String unknown = config("e1", "quality { negative = [webb] }\n");
        String m = assertThrows(ConfigError.class, () -> run(unknown)).getMessage();
        assertTrue(m.contains("'webb' is not a dataset"), m);
        String nothing = config("e2", "quality { positive = [] }\n");
        String n = assertThrows(ConfigError.class, () -> run(nothing)).getMessage();
        assertTrue(n.contains("give a model, or positive and negative datasets"), n);
        Path none = dir.resolve("no-such-model.bin");
        String absent = config("e3", "quality { model = \"" + none + "\" }\n");
        String a = assertThrows(ConfigError.class, () -> run(absent)).getMessage();
        assertTrue(a.contains(none.toString()) && a.contains("does not exist"), a);
    }
}
