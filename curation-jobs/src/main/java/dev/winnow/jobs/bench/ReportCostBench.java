package dev.winnow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.cli.SparkSessions;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.report.ReportWriter;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.StageCatalog;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the report costs against the run it reports on: a corpus of N documents cut from the real
 * texts of the data folder (400-character windows, in order, cycling), the stages ingest, clean,
 * language and exact-dedup in local[cores], then the report, timed against the stages' total.
 */
public final class ReportCostBench {
    private static final int WINDOW = 400;

    private final PrintStream out;

    public ReportCostBench(PrintStream out) {
        this.out = out;
    }

    public void run(Path data, Path work, long documents, int cores) throws IOException {
        List<String> texts = BenchCorpus.realTexts(data);
        Path jsonl = work.resolve("corpus.jsonl");
        Files.createDirectories(work);
        ObjectMapper json = new ObjectMapper();
        long bytes = 0;
        try (BufferedWriter w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            int t = 0;
            int at = 0;
            for (long d = 0; d < documents; d++) {
                String text = texts.get(t);
                if (at + WINDOW > text.length()) {
                    t = (t + 1) % texts.size();
                    at = 0;
                    text = texts.get(t);
                }
                ObjectNode n = json.createObjectNode();
                n.put("id", "doc-" + d);
                n.put("text", text.substring(at, Math.min(text.length(), at + WINDOW)));
                at += WINDOW;
                String line = json.writeValueAsString(n);
                w.write(line);
                w.write('\n');
                bytes += line.length() + 1;
            }
        }
        out.printf(Locale.ROOT, "corpus: %d documents, %.0f MB%n", documents, bytes / 1e6);
        String hocon = "winnow {\n run-dir = \"" + work.resolve("run") + "\"\n keep-rejected-text = true\n"
                + " datasets = [ { name = corpus, format = jsonl, path = \"" + jsonl + "\" } ]\n"
                + " stages = [ingest, clean, language, exact-dedup]\n"
                + " spark.conf { \"spark.ui.enabled\" = false, \"spark.sql.shuffle.partitions\" = " + 8 * cores + " }\n}\n";
        WinnowConfig config = WinnowConfig.parse(hocon, List.of());
        SparkSession spark = SparkSessions.open(config, "local[" + cores + "]");
        try {
            Progress progress = new Progress(out);
            Pipeline pipeline = new Pipeline(spark, config, StageCatalog::create, progress);
            List<StageManifest> ms = pipeline.run(null, null, progress);
            long stagesMs = ms.stream().mapToLong(StageManifest::elapsedMs).sum();
            long t0 = System.nanoTime();
            ReportWriter.write(spark, pipeline.layout());
            double reportS = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "stages: %.1f s, report: %.1f s, report / stages: %.1f%%%n",
                    stagesMs / 1e3, reportS, 100 * reportS / (stagesMs / 1e3));
        } finally {
            spark.stop();
        }
    }
}
