package dev.winnow.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.blending.BlendManifest;
import dev.winnow.jobs.report.ReportWriter;
import dev.winnow.jobs.testing.HeadlessBrowser;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.winnow.jobs.run.DocumentTrace.Outcome.ABSENT;
import static dev.winnow.jobs.run.DocumentTrace.Outcome.KEPT;
import static dev.winnow.jobs.run.DocumentTrace.Outcome.REJECTED;
import static dev.winnow.jobs.run.DocumentTrace.Outcome.SPLIT;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded default (conf/local.conf over conf/sample/) does what conf/sample/README.md says. */
class SampleRunTest {
    @TempDir
    Path dir;

    @Test
    void bundledSampleRunsThroughEveryStage() throws IOException, InterruptedException {
        SparkSession spark = SparkTestSession.get();
        WinnowConfig config = WinnowConfig.load(Path.of("../conf/local.conf"),
                List.of("run-dir=\"" + dir.resolve("run") + "\""));
        List<StageManifest> m = PipelineTest.run(spark, config, new ByteArrayOutputStream());

        StageManifest ingest = m.get(0);
        assertEquals(new StageManifest.DatasetCounts(32, 30, 2), ingest.datasets().get("encyclopedia"));
        assertEquals(new StageManifest.DatasetCounts(40, 40, 0), ingest.datasets().get("forum"));
        assertEquals(new StageManifest.DatasetCounts(8, 8, 0), ingest.datasets().get("books"));
        assertEquals(30, ingest.datasets().get("crawl").in(), "every WARC record is a row");
        assertEquals(1L, ingest.rejectedByReason().get("malformed-json"));
        assertEquals(1L, ingest.rejectedByReason().get("invalid-utf8"));
        assertEquals(2L, ingest.rejectedByReason().get("non-html-payload"), "robots.txt and the PNG");
        assertEquals(16L, ingest.rejectedByReason().get("warc-record-type"), "warcinfo, 14 requests, metadata");
        assertTrue(ingest.datasets().get("crawl").kept() >= 10, "the article pages have main text");

        StageManifest clean = m.get(1);
        assertEquals(Map.of("empty", 1L, "too-short", 3L), clean.rejectedByReason());

        Path cleaned = dir.resolve("run/stages/02-clean");
        Row mojibake = spark.read().parquet(cleaned.toString()).filter("id = 'forum/post-0006'").first();
        String text = mojibake.getAs("text");
        assertTrue(text.contains("don’t") && !text.contains("â€"), text);
        Row control = spark.read().parquet(cleaned.toString()).filter("id = 'forum/post-0020'").first();
        assertFalse(((String) control.getAs("text")).chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'));
        Row page = spark.read().parquet(cleaned.toString()).filter("dataset = 'crawl'").first();
        assertTrue(((String) page.getAs("url")).startsWith("https://"));
        assertFalse(((String) page.getAs("text")).contains("© 2024"), "footer boilerplate removed");

        // conf/sample/tasks quote three kept documents: they are cut, nothing else is touched.
        StageManifest decontaminate = m.get(m.size() - 2);
        assertEquals("decontaminate", decontaminate.stage());
        assertEquals(new StageManifest.Split(decontaminate.in(), 0), decontaminate.split());
        assertEquals(3L, decontaminate.metrics().get("documents_touched"));
        List<String> touched = spark.read().parquet(dir.resolve("run/contamination/decontaminate").toString())
                .select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(List.of("books/harrow-end.txt", "encyclopedia/enc-0002", "encyclopedia/enc-0011"), touched);
        List<Row> pieces = spark.read().parquet(dir.resolve("run/stages/07-decontaminate").toString())
                .filter("id like '%#%'").orderBy("id").collectAsList();
        assertEquals(decontaminate.metrics().get("pieces_kept"), (long) pieces.size());
        for (Row piece : pieces) {
            String t = piece.getAs("text");
            assertFalse(t.contains("outbreak of plague") || t.contains("European windmill") || t.contains("heavy slates"), t);
        }
        assertEquals(decontaminate.in() + pieces.size() - touched.size(), decontaminate.kept());

        // The blend: every decontaminated document tokenized into conf/blend/sample.conf's datasets.
        StageManifest blend = m.get(m.size() - 1);
        assertEquals("blend", blend.stage());
        assertEquals(decontaminate.kept(), blend.in());
        assertEquals(blend.in(), blend.kept(), "the sample's crawl is gone by now: nothing is unweighted");
        BlendManifest manifest = BlendManifest.fromJson(Files.readAllBytes(dir.resolve("run/blend/manifest.json")));
        assertEquals(List.of("encyclopedia", "books", "forum"), new ArrayList<>(manifest.datasets().keySet()));
        long documents = manifest.datasets().values().stream().mapToLong(d -> d.documents()).sum();
        assertEquals(blend.kept(), documents);
        assertTrue(manifest.datasets().get("encyclopedia").shards().size() >= 2, "shard-tokens 5000 cuts it in pieces");

        traces(spark, new RunLayout(dir.resolve("run").toString(), spark.sparkContext().hadoopConfiguration()),
                touched.get(1));

        // The report: its funnel is the manifests' counts exactly; every image it names is a PNG.
        ReportWriter.write(spark, new RunLayout(dir.resolve("run").toString(), spark.sparkContext().hadoopConfiguration()));
        Path report = dir.resolve("run/report");
        assertFalse(Files.exists(dir.resolve("run/pending")), "a finished run leaves no pending folder");
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        List<String> funnel = new ArrayList<>();
        json.get("funnel").forEach(r -> funnel.add(r.get("stage").asText() + "/" + r.get("dataset").asText() + " "
                + r.get("in").asLong() + " " + r.get("kept").asLong() + " " + r.get("rejected").asLong()));
        List<String> expected = new ArrayList<>();
        for (StageManifest s : m) {
            s.datasets().forEach((d, c) -> expected.add(s.stage() + "/" + d + " " + c.in() + " " + c.kept() + " " + c.rejected()));
        }
        assertEquals(expected, funnel);
        // Characters come from the runner's own aggregation: they are what the stage folders hold.
        for (JsonNode r : json.get("funnel")) {
            if (r.get("kept").asLong() > 0) {
                Row sum = spark.read().parquet(dir.resolve("run/stages").toString() + "/"
                                + String.format("%02d-%s", r.get("index").asInt(), r.get("stage").asText()))
                        .filter(org.apache.spark.sql.functions.col("dataset").equalTo(r.get("dataset").asText()))
                        .agg(org.apache.spark.sql.functions.sum("n_chars")).first();
                assertEquals(sum.getLong(0), r.get("kept_chars").asLong(), r.toString());
            }
        }
        // Examples are picked on their ids, then given the start of their text.
        for (String path : List.of("rejected_examples", "quality/examples", "dedup/0/largest_clusters")) {
            JsonNode rows = json.at("/" + path);
            assertTrue(rows.size() > 0, path);
            rows.forEach(r -> assertTrue(r.has("excerpt"), path + ": " + r));
            assertTrue(java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .anyMatch(r -> r.get("excerpt").asText().length() > 50), path);
        }
        for (String section : List.of("funnel", "reasons", "rejected_examples", "language", "quality", "dedup",
                "decontamination", "blend", "run_facts", "settings")) {
            assertTrue(json.has(section), section);
        }
        // The keep curve is the rule the sample ran with (its config's), read from the quality manifest.
        assertEquals("pareto, alpha 3.0", json.at("/quality/keep_rule").asText());
        assertEquals(0.125, json.at("/quality/keep_curve/0/keep_probability").asDouble(), 1e-12);
        // The model the run trained, with its held-out evaluation as the training wrote it.
        String model = json.at("/quality/model/file").asText();
        assertTrue(model.matches("models/quality-[0-9a-f]{16}\\.bin"), model);
        List<String> evaluation = Files.readAllLines(dir.resolve("run").resolve(model.replace(".bin", ".eval.txt")));
        assertTrue(evaluation.contains("held_out: " + json.at("/quality/model/held_out").asLong()), evaluation.toString());
        double auc = json.at("/quality/model/roc_auc").asDouble(-1);
        assertTrue(auc >= 0 && auc <= 1 && evaluation.contains(String.format(java.util.Locale.ROOT, "roc_auc: %.4f", auc)),
                evaluation + " " + json.at("/quality/model"));
        assertTrue(json.at("/quality/model/calibration").size() > 0, json.at("/quality/model").toString());
        assertTrue(java.util.stream.StreamSupport.stream(json.get("settings").spliterator(), false)
                .anyMatch(r -> r.get("stage").asText().equals("clean") && r.get("key").asText().equals("clean.min-chars")),
                json.get("settings").toString());
        String html = Files.readString(report.resolve("index.html"));
        for (var f : (Iterable<java.util.Map.Entry<String, JsonNode>>) json.get("files")::fields) {
            Path file = report.resolve(f.getValue().asText());
            assertTrue(Files.exists(file), file.toString());
            assertTrue(html.contains("\"" + f.getValue().asText() + "\""), "index.html links " + file);
            if (file.toString().endsWith(".png")) {
                assertTrue(javax.imageio.ImageIO.read(file.toFile()).getWidth() > 0, file.toString());
            }
        }
        assertTrue(html.contains("<section id=\"decontamination\">") && html.contains("<section id=\"blend\">"));

        // As a browser shows it: every section of report.json on the page, every image loaded.
        var dom = HeadlessBrowser.dumpDom(report.resolve("index.html"));
        if (dom.isEmpty()) {
            System.out.println("report browser check skipped: no chromium on the PATH (.ci/run installs it)");
            return;
        }
        assertTrue(dom.get().contains("data-report-ready=\"yes\""), "the page's load handler ran");
        json.fieldNames().forEachRemaining(key -> {
            if (!key.equals("run") && !key.equals("files")) {
                assertTrue(dom.get().contains("<section id=\"" + key + "\""), "section " + key + " on the page");
            }
        });
        long images = java.util.regex.Pattern.compile("<img ").matcher(dom.get()).results().count();
        long loaded = java.util.regex.Pattern.compile("<img [^>]*data-loaded=\"yes\"").matcher(dom.get()).results().count();
        assertTrue(images >= 5, images + " images");
        assertEquals(images, loaded, "every image loads");
    }

    /** winnow trace: a document cut into pieces, one rejected at clean, one at ingest, one not in the run. */
    private static void traces(SparkSession spark, RunLayout layout, String cut) throws IOException {
        String tooShort = firstRejected(spark, layout, "clean", "too-short");
        String malformed = firstRejected(spark, layout, "ingest", "malformed-json");
        List<DocumentTrace.Path> paths = DocumentTrace.of(spark, layout, List.of(cut, tooShort, malformed, "nobody/0"));

        DocumentTrace.Path pieces = paths.get(0);
        assertEquals(List.of("01-ingest", "02-clean", "03-language", "04-quality", "05-exact-dedup", "06-fuzzy-dedup",
                "07-decontaminate", "08-blend"), pieces.steps().stream().map(DocumentTrace.Step::folder).toList());
        assertEquals(List.of(KEPT, KEPT, KEPT, KEPT, KEPT, KEPT, SPLIT, KEPT), outcomes(pieces));
        assertEquals("encyclopedia", pieces.steps().get(0).changed().get("dataset"), "the first stage shows every column");
        assertEquals("en", pieces.steps().get(2).changed().get("lang"), "language sets lang");
        assertFalse(pieces.steps().get(3).changed().containsKey("lang"), "quality leaves lang alone");
        assertTrue(pieces.steps().get(3).changed().containsKey("quality_score"));
        DocumentTrace.Step split = pieces.steps().get(6);
        assertFalse(split.keptPieces().isEmpty());
        split.keptPieces().forEach(id -> assertTrue(id.startsWith(cut + "#"), id));
        assertEquals(split.keptPieces(), pieces.steps().get(7).keptPieces(), "the pieces are followed into the blend");

        DocumentTrace.Path clean = paths.get(1);
        assertEquals(List.of(KEPT, REJECTED), outcomes(clean));
        assertEquals("too-short", clean.steps().get(1).rejections().get(0).reason());
        assertEquals(List.of(REJECTED), outcomes(paths.get(2)));
        assertEquals("malformed-json", paths.get(2).steps().get(0).rejections().get(0).reason());
        assertFalse(paths.get(3).found());
        assertEquals(List.of(ABSENT), outcomes(paths.get(3)));
        assertTrue(clean.found());

        // A duplicate group: its kept document says so, a removed member names it.
        Row group = spark.read().parquet(layout.tableDir("clusters", "exact-dedup").toString()).orderBy("cluster").first();
        String keptId = group.getAs("cluster");
        String removedId = group.<scala.collection.Seq<Row>>getAs("members").toList().apply(0).<String>getAs("id");
        removedId = removedId.equals(keptId)
                ? group.<scala.collection.Seq<Row>>getAs("members").toList().apply(1).<String>getAs("id") : removedId;
        List<DocumentTrace.Path> dedup = DocumentTrace.of(spark, layout, List.of(keptId, removedId));
        DocumentTrace.Step keptStep = dedup.get(0).steps().get(4);
        assertEquals("05-exact-dedup", keptStep.folder());
        assertEquals(((Number) group.getAs("size")).longValue(), keptStep.keptFor());
        DocumentTrace.Step removedStep = dedup.get(1).steps().get(4);
        assertEquals(REJECTED, removedStep.outcome());
        assertEquals("exact-dup:" + keptId, removedStep.rejections().get(0).reason());

        String url = spark.read().parquet(layout.stageDir(1, "ingest").toString()).filter("url is not null")
                .orderBy("id").first().getAs("url");
        List<String> byUrl = DocumentTrace.idsWithUrl(spark, layout, List.of(url, "https://nowhere.example/"));
        assertEquals(1, byUrl.size(), url);
    }

    private static String firstRejected(SparkSession spark, RunLayout layout, String stage, String reason) {
        return spark.read().parquet(layout.rejectedDir(stage).toString()).filter(col("reason").equalTo(reason))
                .orderBy("id").first().getAs("id");
    }

    private static List<DocumentTrace.Outcome> outcomes(DocumentTrace.Path path) {
        return path.steps().stream().map(DocumentTrace.Step::outcome).toList();
    }
}
