package dev.winnow.jobs.run;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.stages.StageCatalog;
import dev.winnow.jobs.testing.SparkTestSession;
import dev.winnow.jobs.testing.WarcFixture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner end to end in local[2]: layout, manifests, accounting, skip-on-rerun. */
class PipelineTest {
    @TempDir
    Path dir;

    static String prose(int i) {
        return "Entry " + i + " describes a small harbour town where fishing boats come in every morning, the market "
                + "opens early, and the people who live there have kept the old stone houses in good repair for a long "
                + "time. Visitors walk along the quay and watch the boats being unloaded before the cafes open.";
    }

    /** A corpus with every format and planted bad records. Returns the config text. */
    String corpus() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            jsonl.append("{\"id\":\"n").append(i).append("\",\"text\":\"").append(prose(i)).append("\"}\n");
        }
        jsonl.append("{\"id\":\"short\",\"text\":\"too short to keep\"}\n");
        jsonl.append("{\"id\":\"broken\",\"text\":\n");
        Files.writeString(dir.resolve("news.jsonl"), jsonl);
        Files.createDirectories(dir.resolve("books"));
        Files.writeString(dir.resolve("books/a.txt"), prose(100) + "\n\n\n\n" + prose(101));
        Files.write(dir.resolve("books/empty.txt"), new byte[0]);
        String html = "<html><body><div><a href=/>Home</a> <a href=/x>News</a></div><h1>Harbour</h1><p>" + prose(200)
                + "</p><p>" + prose(201) + "</p><footer>© 2024 Example</footer></body></html>";
        new WarcFixture("p").warcinfo("t").request("https://example.org/h")
                .response("https://example.org/h", "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8))
                .response("https://example.org/i.png", "image/png", WarcFixture.pngHeader())
                .write(dir.resolve("crawl.warc.gz"), true);
        return "winnow { run-dir = \"" + dir.resolve("run") + "\"\n"
                + " datasets = [\n"
                + "  { name = news, format = jsonl, path = \"" + dir.resolve("news.jsonl") + "\", priority = 2 }\n"
                + "  { name = books, format = text, path = \"" + dir.resolve("books") + "\" }\n"
                + "  { name = crawl, format = warc, path = \"" + dir.resolve("crawl.warc.gz") + "\" }\n"
                + " ]\n"
                + " clean.min-chars = 100\n"
                + "}\n";
    }

    static List<StageManifest> run(SparkSession spark, WinnowConfig config, ByteArrayOutputStream log) {
        Progress progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8));
        return new Pipeline(spark, config, StageCatalog::create, progress).run(null, null, progress);
    }

    @Test
    void runWritesStagesRejectedRowsAndManifestsThenSkips() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String text = corpus();
        WinnowConfig config = WinnowConfig.parse(text, List.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<StageManifest> first = run(spark, config, log);

        StageManifest ingest = first.get(0);
        // news: 42 records (40 + short + broken); books: 2 files; crawl: 4 WARC records.
        assertEquals(48, ingest.in());
        assertEquals(40 + 1 + 1 + 1, ingest.kept(), "40 news + short + book + one HTML page");
        assertEquals(Map.of("empty-file", 1L, "malformed-json", 1L, "non-html-payload", 1L, "warc-record-type", 2L),
                ingest.rejectedByReason());
        assertEquals(new StageManifest.DatasetCounts(42, 41, 1), ingest.datasets().get("news"));
        assertEquals(1, ingest.fileErrors().size());
        assertEquals("empty-file", ingest.fileErrors().get(0).reason());
        assertEquals("books", ingest.fileErrors().get(0).dataset());

        StageManifest clean = first.get(1);
        assertEquals(ingest.kept(), clean.in());
        assertEquals(Map.of("too-short", 1L), clean.rejectedByReason());
        assertEquals(clean.in(), clean.kept() + clean.rejected());

        Path run = dir.resolve("run");
        assertTrue(Files.exists(run.resolve("stages/01-ingest/_STAGE.json")));
        assertTrue(Files.exists(run.resolve("stages/02-clean/_STAGE.json")));
        assertFalse(Files.exists(run.resolve("pending")), "pending folders are renamed into place");

        Dataset<Row> rejected = spark.read().parquet(run.resolve("rejected/ingest").toString());
        assertEquals(List.of("id", "dataset", "stage", "reason", "detail", "source", "text"), List.of(rejected.columns()));
        Row broken = rejected.filter("reason = 'malformed-json'").first();
        assertEquals("news/news.jsonl@" + (Files.size(dir.resolve("news.jsonl")) - "{\"id\":\"broken\",\"text\":\n".length()),
                broken.getAs("id"));
        assertTrue(((String) broken.getAs("text")).contains("broken"));

        Dataset<Row> cleaned = spark.read().parquet(run.resolve("stages/02-clean").toString());
        Row book = cleaned.filter("dataset = 'books'").first();
        assertEquals("books/a.txt", book.getAs("id"));
        assertFalse(((String) book.getAs("text")).contains("\n\n\n"), "blank lines collapsed");
        assertEquals(((String) book.getAs("text")).codePointCount(0, ((String) book.getAs("text")).length()),
                (int) book.getAs("n_chars"));
        Row news = cleaned.filter("id = 'news/n3'").first();
        assertEquals(prose(3), news.getAs("text"));
        assertTrue(((String) news.getAs("source")).startsWith("news.jsonl@"));

        // Second run: every stage up to date.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        List<StageManifest> second = run(spark, config, again);
        assertEquals(first, second);
        assertEquals(3, again.toString(StandardCharsets.UTF_8).split("up to date", -1).length - 1, again.toString());

        // A clean setting changes: ingest is skipped, clean runs again, and so does language (new input).
        ByteArrayOutputStream third = new ByteArrayOutputStream();
        List<StageManifest> changed = run(spark, WinnowConfig.parse(text, List.of("clean.min-chars=10")), third);
        assertEquals(first.get(0), changed.get(0));
        assertEquals(0, changed.get(1).rejected());
        assertEquals(1, third.toString(StandardCharsets.UTF_8).split("up to date", -1).length - 1);
    }

    @Test
    void aNewInputFileRerunsEveryStage() throws IOException {
        SparkSession spark = SparkTestSession.get();
        WinnowConfig config = WinnowConfig.parse(corpus(), List.of());
        List<StageManifest> first = run(spark, config, new ByteArrayOutputStream());
        Files.writeString(dir.resolve("books/b.txt"), prose(300));
        List<StageManifest> second = run(spark, config, new ByteArrayOutputStream());
        assertEquals(first.get(0).kept() + 1, second.get(0).kept());
        assertEquals(first.get(1).kept() + 1, second.get(1).kept());
    }

    @Test
    void fromAStageWhoseUpstreamIsMissingIsAClearError() throws IOException {
        WinnowConfig config = WinnowConfig.parse(corpus(), List.of());
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Pipeline p = new Pipeline(SparkTestSession.get(), config, StageCatalog::create, progress);
        String m = assertThrows(dev.winnow.jobs.config.ConfigError.class, () -> p.runOne("clean", progress)).getMessage();
        assertTrue(m.contains("01-ingest") && m.contains("run ingest first"), m);
        // Once ingest is committed, clean runs alone, and --from clean runs only clean.
        assertEquals("ingest", p.runOne("ingest", progress).stage());
        assertEquals("clean", p.runOne("clean", progress).stage());
        List<StageManifest> fromClean = p.run("clean", null, progress);
        assertEquals(List.of("clean", "language"), fromClean.stream().map(StageManifest::stage).toList());
        String unknown = assertThrows(dev.winnow.jobs.config.ConfigError.class,
                () -> new Pipeline(SparkTestSession.get(), WinnowConfig.parse(corpus(), List.of("stages=[ingest,polish]")),
                        StageCatalog::create, progress).run(null, null, progress)).getMessage();
        assertTrue(unknown.contains("unknown stage 'polish'"), unknown);
    }

    @Test
    void wrongSettingsOfALaterStageFailBeforeTheFirstStageRuns() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        WinnowConfig badFuzzy = WinnowConfig.parse(corpus(), List.of("stages=[ingest,clean,language,fuzzy-dedup]",
                "fuzzy-dedup.bands=0"));
        String m = assertThrows(dev.winnow.jobs.config.ConfigError.class,
                () -> run(SparkTestSession.get(), badFuzzy, log)).getMessage();
        assertTrue(m.contains("winnow.fuzzy-dedup") && m.contains("bands"), m);
        WinnowConfig noSpec = WinnowConfig.parse(corpus(), List.of("stages=[ingest,clean,blend]"));
        String spec = assertThrows(dev.winnow.jobs.config.ConfigError.class,
                () -> run(SparkTestSession.get(), noSpec, log)).getMessage();
        assertTrue(spec.contains("winnow.blend.spec is empty"), spec);
        WinnowConfig badCheckpoint = WinnowConfig.parse(corpus(), List.of("stages=[ingest,exact-dedup]",
                "exact-dedup.checkpoint=sometimes"));
        String checkpoint = assertThrows(dev.winnow.jobs.config.ConfigError.class,
                () -> run(SparkTestSession.get(), badCheckpoint, log)).getMessage();
        assertTrue(checkpoint.contains("'sometimes' is not a checkpoint mode"), checkpoint);
        assertFalse(Files.exists(dir.resolve("run/stages")), "a stage ran before the settings were checked");
        assertEquals("", log.toString(StandardCharsets.UTF_8), "no stage started");

        // Only the stages that will run are checked: up to clean, a wrong fuzzy-dedup block is no matter.
        Progress progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8));
        List<StageManifest> upToClean = new Pipeline(SparkTestSession.get(), badFuzzy, StageCatalog::create, progress)
                .run(null, "clean", progress);
        assertEquals(List.of("ingest", "clean"), upToClean.stream().map(StageManifest::stage).toList());
    }

    @Test
    void rejectedTextCanBeLeftOut() throws IOException {
        SparkSession spark = SparkTestSession.get();
        run(spark, WinnowConfig.parse(corpus(), List.of("keep-rejected-text=false")), new ByteArrayOutputStream());
        List<Row> rows = spark.read().parquet(dir.resolve("run/rejected/ingest").toString())
                .filter("text is not null").collectAsList();
        assertEquals(List.of(), rows.stream().map(Row::toString).collect(Collectors.toList()));
    }

    static List<List<String>> causes(List<Freshness> plan) {
        return plan.stream().map(Freshness::causes).toList();
    }

    /** Every file under the run folder with its size and time: what a dry run must leave as it was. */
    Map<String, String> runFolder() throws IOException {
        Path run = dir.resolve("run");
        if (!Files.exists(run)) {
            return Map.of();
        }
        try (var files = Files.walk(run)) {
            return files.collect(Collectors.toMap(f -> run.relativize(f).toString(), f -> {
                try {
                    return Files.size(f) + "@" + Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
    }

    @Test
    void aDryRunSaysWhichStagesWouldRunAndWhyAndWritesNothing() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String text = corpus();
        WinnowConfig config = WinnowConfig.parse(text, List.of());
        Progress quiet = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(List.of(List.of("not run yet"), List.of("not run yet"), List.of("not run yet")),
                causes(new Pipeline(spark, config, StageCatalog::create, quiet).plan(null, null)));
        assertEquals(Map.of(), runFolder(), "the dry run wrote nothing");

        List<StageManifest> first = run(spark, config, new ByteArrayOutputStream());
        assertEquals("100", first.get(1).settings().get("clean.min-chars"), "the manifest records the settings");
        assertEquals("true", first.get(1).settings().get(Freshness.KEEP_REJECTED_TEXT));
        List<Freshness> same = new Pipeline(spark, config, StageCatalog::create, quiet).plan(null, null);
        assertTrue(same.stream().allMatch(Freshness::upToDate), causes(same).toString());
        assertEquals(first, same.stream().map(Freshness::existing).toList());

        // A clean setting changes: clean would run, saying which setting, and language after it.
        WinnowConfig changed = WinnowConfig.parse(text, List.of("clean.min-chars=10"));
        Map<String, String> before = runFolder();
        List<Freshness> plan = new Pipeline(spark, changed, StageCatalog::create, quiet).plan(null, null);
        assertEquals(List.of(List.of(), List.of("its settings changed"), List.of("the output of clean will change")),
                causes(plan));
        assertEquals(List.of("clean.min-chars: 100 → 10"), plan.get(1).changes());
        assertEquals(before, runFolder(), "the dry run wrote nothing");
        // --from and --to as a run takes them.
        assertEquals(List.of(List.of("its settings changed")),
                causes(new Pipeline(spark, changed, StageCatalog::create, quiet).plan("clean", "clean")));

        // The run says the same before it runs each stage again.
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        run(spark, changed, log);
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("clean: runs again: its settings changed\n        clean.min-chars: 100 → 10\n"), said);
        assertTrue(said.contains("language: runs again: the output of clean changed\n"), said);

        // A new source file: ingest would run, its input changed, and it says where.
        long booksBytes = Files.size(dir.resolve("books/a.txt"));
        Files.writeString(dir.resolve("books/b.txt"), prose(300));
        Freshness newFile = new Pipeline(spark, changed, StageCatalog::create, quiet).plan(null, null).get(0);
        assertEquals(List.of("its source files changed"), newFile.causes());
        assertEquals(List.of(String.format(java.util.Locale.ROOT, "datasets[books]: 2 → 3 files, %,d → %,d bytes",
                booksBytes, booksBytes + Files.size(dir.resolve("books/b.txt")))), newFile.changes());
        // The same files, one touched: no count differs, and it says so.
        Files.delete(dir.resolve("books/b.txt"));
        Files.setLastModifiedTime(dir.resolve("books/a.txt"), java.nio.file.attribute.FileTime.fromMillis(86_400_000L));
        Freshness touched = new Pipeline(spark, changed, StageCatalog::create, quiet).plan(null, null).get(0);
        assertEquals(List.of("its source files changed"), touched.causes());
        assertTrue(touched.changes().get(0).startsWith("the same number of files and bytes in every dataset"),
                touched.changes().toString());

        // A manifest from before settings were recorded: the change is known, which setting is not.
        Path manifest = dir.resolve("run/stages/02-clean/_STAGE.json");
        StageManifest m = StageManifest.fromJson(Files.readAllBytes(manifest));
        Files.write(manifest, new StageManifest(m.stage(), m.index(), m.configHash(), m.inputFingerprint(),
                m.outputFingerprint(), m.in(), m.kept(), m.rejected(), m.rejectedByReason(), m.datasets(), m.fileErrors(),
                m.started(), m.elapsedMs(), m.sparkVersion(), m.master(), m.metrics(), m.split(), m.keptChars(),
                m.examples(), null).toJson());
        Files.deleteIfExists(manifest.resolveSibling("._STAGE.json.crc")); // Hadoop's checksum of the old text
        Freshness old = new Pipeline(spark, config, StageCatalog::create, quiet).plan("clean", "clean").get(0);
        assertEquals(List.of("its settings changed (its manifest predates recorded settings: which is not known)"),
                old.causes());
        assertEquals(List.of(), old.changes());
    }

    @Test
    void aRunFolderInUseByAnotherRunIsLeftAlone() throws IOException {
        SparkSession spark = SparkTestSession.get();
        WinnowConfig config = WinnowConfig.parse(corpus(), List.of());
        Path lock = dir.resolve("run").resolve(RunLock.FILE_NAME);
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "{\"application\":\"app-other\",\"host\":\"elsewhere\",\"pid\":7,"
                + "\"started\":\"2026-11-27T00:00:00Z\"}");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String m = assertThrows(RunFolderInUseError.class, () -> run(spark, config, log)).getMessage();
        assertTrue(m.contains("app-other") && m.contains("host elsewhere"), m);
        assertFalse(Files.exists(dir.resolve("run/stages")), "no stage ran");
        assertEquals("", log.toString(StandardCharsets.UTF_8));

        Files.delete(lock);
        run(spark, config, new ByteArrayOutputStream());
        assertFalse(Files.exists(lock), "a finished run leaves no lock");
    }

    @Test
    void theReportLeavesOutStagesThatAreNoLongerPartOfTheRun() throws IOException {
        SparkSession spark = SparkTestSession.get();
        String text = corpus();
        run(spark, WinnowConfig.parse(text, List.of()), new ByteArrayOutputStream());
        // clean dropped from the stages: language is 02 now; 02-clean and 03-language are left behind.
        WinnowConfig noClean = WinnowConfig.parse(text, List.of("stages=[ingest,language]"));
        Pipeline p = new Pipeline(spark, noClean, StageCatalog::create,
                new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        p.run(null, null, new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        var report = dev.winnow.jobs.report.ReportData.build(spark, p.layout());
        List<String> funnelStages = new java.util.ArrayList<>();
        report.get("funnel").forEach(r -> funnelStages.add(r.get("index").asInt() + "-" + r.get("stage").asText()));
        assertEquals(List.of("1-ingest", "2-language"), funnelStages.stream().distinct().toList());
        List<String> stale = new java.util.ArrayList<>();
        report.get("stale_stages").forEach(r -> stale.add(r.get("folder").asText()));
        assertEquals(List.of("02-clean", "03-language"), stale);
    }
}
