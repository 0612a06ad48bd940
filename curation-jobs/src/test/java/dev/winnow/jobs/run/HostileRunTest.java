package dev.winnow.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.jobs.bench.HostileCorpus;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.report.ReportWriter;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline in local[2] over the full {@link HostileCorpus} (a 100 MB document, a million
 * one-character documents, HTML and JSON nesting bombs, cut gzip/zstd/WARC/Parquet files, ...):
 * the run finishes, every stage accounts for every row, every broken record is rejected with the
 * reason the corpus manifest states, every unreadable file is listed with its error (manifest and
 * report), and every good record reaches the ingest output.
 */
class HostileRunTest {
    @TempDir
    Path dir;

    @Test
    void theFullPipelineSurvivesTheHostileCorpusAndAccountsForEveryRecord() throws IOException {
        long t0 = System.nanoTime();
        HostileCorpus.Manifest corpus = HostileCorpus.write(dir.resolve("corpus"), HostileCorpus.Settings.full());
        long t1 = System.nanoTime();
        SparkSession spark = SparkTestSession.get();
        WinnowConfig config = WinnowConfig.parse(HostileCorpus.config(corpus, dir.resolve("run")), List.of());
        List<StageManifest> stages = PipelineTest.run(spark, config, new ByteArrayOutputStream());
        long t2 = System.nanoTime();
        System.out.printf("hostile corpus: %d kinds, %d records written in %.1f s; pipeline %.1f s%n",
                corpus.kinds().size(), corpus.totalRecords(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        stages.forEach(m -> System.out.printf("  %-14s %8d in %8d kept %8d rejected %7d ms%n", m.stage(), m.in(), m.kept(),
                m.rejected(), m.elapsedMs()));
        assertTrue(corpus.kinds().size() >= 20, corpus.kinds().size() + " kinds");

        // Every stage ran and accounts for every row it read.
        assertEquals(List.of("ingest", "clean", "language", "quality", "exact-dedup", "fuzzy-dedup", "decontaminate",
                "blend"), stages.stream().map(StageManifest::stage).toList());
        for (StageManifest m : stages) {
            if (m.split() != null) {
                assertEquals(m.in(), m.split().documentsKept() + m.split().documentsRejected(), m.stage());
            } else {
                assertEquals(m.in(), m.kept() + m.rejected(), m.stage());
            }
        }
        for (int i = 1; i < stages.size(); i++) {
            assertEquals(stages.get(i - 1).kept(), stages.get(i).in(), "stage " + stages.get(i).stage() + " reads what "
                    + stages.get(i - 1).stage() + " kept");
        }
        StageManifest ingest = stages.get(0);
        assertEquals(corpus.totalRecords(), ingest.in(), "ingest met exactly the corpus's records");

        // Ingest outcomes by (dataset, location), the million one-character documents aside.
        Path run = dir.resolve("run");
        Dataset<Row> kept = spark.read().parquet(run.resolve("stages/01-ingest").toString());
        Dataset<Row> rejected = spark.read().parquet(run.resolve("rejected/ingest").toString());
        Map<String, String> keptIds = new HashMap<>();
        for (Row r : kept.filter(col("source").startsWith("one-char.txt@").unary_$bang())
                .select("dataset", "source", "id").collectAsList()) {
            keptIds.put(r.getString(0) + " " + r.getString(1), r.getString(2));
        }
        Map<String, String> reasons = new HashMap<>();
        Map<String, String> details = new HashMap<>();
        for (Row r : rejected.select("dataset", "source", "reason", "detail").collectAsList()) {
            reasons.put(r.getString(0) + " " + r.getString(1), r.getString(2));
            details.put(r.getString(0) + " " + r.getString(1), r.getString(3));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> later = new HashMap<>();
        for (HostileCorpus.Expected e : corpus.records()) {
            if (e.location() == null) {
                long n = kept.filter(col("dataset").equalTo(e.dataset()).and(col("source").startsWith(e.file() + "@"))).count();
                assertEquals(e.count(), n, e.kind() + ": every one reaches the ingest output");
                if (e.laterStage() != null) {
                    long r = spark.read().parquet(run.resolve("rejected/" + e.laterStage()).toString())
                            .filter(col("dataset").equalTo(e.dataset()).and(col("source").startsWith(e.file() + "@"))
                                    .and(col("reason").equalTo(e.laterReason()))).count();
                    assertEquals(e.count(), r, e.kind() + " rejected by " + e.laterStage() + " as " + e.laterReason());
                }
                continue;
            }
            String key = e.dataset() + " " + e.location();
            if (e.ingestReason() == null) {
                String id = keptIds.get(key);
                if (id == null) {
                    problems.add(e.kind() + " " + key + ": not in the ingest output (" + reasons.get(key) + ")");
                } else if (e.id() != null && !e.id().equals(id)) {
                    problems.add(e.kind() + " " + key + ": id " + id + ", expected " + e.id());
                }
                if (e.laterStage() != null) {
                    later.computeIfAbsent(e.laterStage(), s -> new HashSet<>()).add(key + " " + e.laterReason());
                }
            } else if (!e.ingestReason().equals(reasons.get(key))) {
                problems.add(e.kind() + " " + key + ": rejected as " + reasons.get(key) + ", expected " + e.ingestReason());
            } else if (details.get(key) == null || details.get(key).isBlank()) {
                problems.add(e.kind() + " " + key + ": no detail");
            }
        }
        for (var s : later.entrySet()) {
            Set<String> got = new HashSet<>();
            for (Row r : spark.read().parquet(run.resolve("rejected/" + s.getKey()).toString())
                    .filter(col("source").startsWith("one-char.txt@").unary_$bang())
                    .select("dataset", "source", "reason").collectAsList()) {
                got.add(r.getString(0) + " " + r.getString(1) + " " + r.getString(2));
            }
            for (String want : s.getValue()) {
                if (!got.contains(want)) {
                    problems.add("not rejected by " + s.getKey() + ": " + want);
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        long good = corpus.good().size();
        assertTrue(good >= 80, good + " good records");

        // Unreadable, cut and empty files: listed with their name and the reader's error, in the
        // manifest and on the report page.
        Set<String> fileLevel = Set.of("unreadable-file", "truncated-file", "empty-file");
        Map<String, StageManifest.FileError> listed = new HashMap<>();
        ingest.fileErrors().forEach(f -> listed.put(f.dataset() + " " + f.file(), f));
        ReportWriter.write(spark, new RunLayout(run.toString(), spark.sparkContext().hadoopConfiguration()));
        JsonNode report = new ObjectMapper().readTree(run.resolve("report/report.json").toFile());
        String html = Files.readString(run.resolve("report/index.html"));
        Set<String> inReport = new HashSet<>();
        report.get("file_errors").forEach(f -> inReport.add(f.get("dataset").asText() + " " + f.get("file").asText() + " "
                + f.get("reason").asText()));
        int files = 0;
        for (HostileCorpus.Expected e : corpus.records()) {
            if (e.ingestReason() != null && fileLevel.contains(e.ingestReason())) {
                files++;
                StageManifest.FileError f = listed.get(e.dataset() + " " + e.file());
                assertNotNull(f, "file error listed: " + e);
                assertEquals(e.ingestReason(), f.reason(), e.toString());
                assertTrue(f.detail() != null && f.detail().length() > 10, f.toString());
                assertTrue(inReport.contains(e.dataset() + " " + e.file() + " " + e.ingestReason()), "report lists " + e);
                assertTrue(html.contains("<td>" + e.file() + "</td>"), "index.html shows " + e.file());
            }
        }
        assertEquals(files, listed.size());
        JsonNode funnel = report.get("funnel").get(0);
        assertEquals("ingest", funnel.get("stage").asText());
        assertTrue(funnel.has("file_errors"), funnel.toString());
        System.out.printf("hostile run: %d records, %d good, %d file errors; report in %.1f s%n", ingest.in(), good, files,
                (System.nanoTime() - t2) / 1e9);
    }
}
