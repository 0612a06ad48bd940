package dev.winnow.jobs.eval;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.StageCatalog;
import dev.winnow.jobs.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest over the real corpora in ../shared/data: every JSONL/TSV record and every WARC/WET
 * record is counted independently here and must come out of ingest as a kept or rejected row.
 */
class IngestEval {
    @TempDir
    Path dir;

    private static long lines(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank()).count();
        }
    }

    private static long warcRecords(Path file) throws IOException {
        try (WarcReader r = new WarcReader(file)) {
            long n = 0;
            for (WarcRecord ignored : r) {
                n++;
            }
            return n;
        }
    }

    private static long htmlResponses(Path file) throws IOException {
        try (WarcReader r = new WarcReader(file)) {
            long n = 0;
            for (WarcRecord rec : r) {
                if (rec instanceof WarcResponse resp && resp.http().status() == 200
                        && resp.http().contentType().base().toString().equals("text/html")) {
                    n++;
                }
            }
            return n;
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString().replace(".gz", "").replaceAll("[^A-Za-z0-9_-]", "-");
    }

    @Test
    void everyRealRecordIsAccountedFor() throws IOException {
        Path data = SharedData.root();
        Map<String, Long> expected = new LinkedHashMap<>();
        StringBuilder datasets = new StringBuilder();
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            String entry;
            if (n.endsWith(".jsonl") || n.endsWith(".jsonl.gz")) {
                entry = n.startsWith("msrp") ? "format = jsonl, id-field = id1, text-field = text1" : "format = jsonl";
                expected.put(name(f), lines(f));
            } else if (n.endsWith(".tsv.gz") || n.endsWith(".tsv")) {
                entry = "format = text, text-unit = line";
                expected.put(name(f), lines(f));
            } else if (n.endsWith(".warc.gz") || n.endsWith(".wet.gz")) {
                entry = n.contains(".wet") ? "format = wet" : "format = warc";
                expected.put(name(f), warcRecords(f));
            } else {
                continue;
            }
            datasets.append("{ name = \"").append(name(f)).append("\", path = \"").append(f).append("\", ")
                    .append(entry).append(" }\n");
        }
        assertTrue(expected.size() >= 30, "found " + expected.size() + " corpora");
        WinnowConfig config = WinnowConfig.parse("winnow { run-dir = \"" + dir.resolve("run") + "\"\n"
                + " datasets = [\n" + datasets + "]\n stages = [ingest] }", List.of());
        Progress progress = new Progress(System.out);
        StageManifest m = new Pipeline(SparkTestSession.get(), config, StageCatalog::create, progress)
                .run(null, null, progress).get(0);

        long total = 0;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            StageManifest.DatasetCounts c = m.datasets().get(e.getKey());
            assertEquals(e.getValue(), c.in(), e.getKey() + ": records in");
            assertEquals(c.in(), c.kept() + c.rejected(), e.getKey());
            if (!e.getKey().contains("warc")) {
                assertEquals(0, c.rejected(), e.getKey() + ": a valid JSONL/TSV record was rejected");
            }
            total += e.getValue();
        }
        assertEquals(total, m.in());
        assertEquals(List.of(), m.fileErrors());

        // WARC: each 200 HTML response yields main text (the dolma pages are real articles and docs).
        Path dolma = data.resolve("web/warc/dolma-sample-0000.warc.gz");
        long pages = htmlResponses(dolma);
        long kept = m.datasets().get(name(dolma)).kept();
        assertTrue(pages >= 15 && kept >= pages * 0.7, "dolma: kept " + kept + " of " + pages + " HTML pages");
        // The whirlwind page is an Aragonese Wikipedia stub whose every paragraph is over jusText's
        // link-density limit (0.32 to 0.94): jusText keeps nothing, as it would in Pile-CC. Its WET
        // twin (Common Crawl's own extraction, navigation included) is kept as it is.
        List<String> whirlwind = SparkTestSession.get().read().parquet(dir.resolve("run/rejected/ingest").toString())
                .filter("dataset = '" + name(data.resolve("web/warc/whirlwind.warc.gz")) + "'")
                .select("reason").orderBy("reason").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(List.of("no-main-text", "warc-record-type", "warc-record-type", "warc-record-type"), whirlwind);
        assertEquals(1, m.datasets().get(name(data.resolve("web/warc/whirlwind.warc.wet.gz"))).kept());
    }
}
