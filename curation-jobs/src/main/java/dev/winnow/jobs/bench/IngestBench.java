package dev.winnow.jobs.bench;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.StageCatalog;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Ingest throughput against a peer measured in the same run: Winnow's ingest stage (JSONL →
 * validated canonical documents + rejected rows + manifest) versus Spark's own JSON reader
 * writing the same columns to Parquet with the schema given (no inference pass), on the same
 * files, for each core count.
 */
public final class IngestBench {
    private static final int REPEATS = 2;
    private final PrintStream out;

    public IngestBench(PrintStream out) {
        this.out = out;
    }

    public void run(Path data, Path work, long totalMb, int files, List<Integer> cores) throws IOException {
        Path corpus = work.resolve("corpus");
        long bytes = corpusBytes(corpus);
        if (bytes < totalMb << 20) {
            deleteRecursively(corpus);
            out.printf(Locale.ROOT, "bench: generating %d MB of JSONL from the real texts in %s ...%n", totalMb, data);
            bytes = BenchCorpus.write(BenchCorpus.realTexts(data), corpus, files, (totalMb << 20) / files, 42);
        }
        double mb = bytes / 1048576.0;
        out.printf(Locale.ROOT, "bench: corpus %s, %d files, %.1f MB%n", corpus, files, mb);
        out.println("| cores | winnow ingest s | MB/s | MB/s/core | spark.read.json s | MB/s | winnow / spark |");
        out.println("|---|---|---|---|---|---|---|");
        for (int c : cores) {
            // The Spark settings Winnow runs with (its defaults.conf), for both contenders.
            SparkSession.Builder builder = SparkSession.builder().master("local[" + c + "]").appName("winnow-bench")
                    .config("spark.ui.enabled", "false");
            config(corpus, work.resolve("run-" + c)).sparkConf().forEach(builder::config);
            SparkSession spark = builder.getOrCreate();
            try {
                // Warm both paths on one file so JIT and Spark start-up are not timed; then the best
                // of REPEATS alternating runs of each.
                winnowIngest(spark, corpus.resolve("part-000.jsonl"), work.resolve("warm-winnow"));
                sparkJson(spark, corpus.resolve("part-000.jsonl"), work.resolve("warm-spark"));
                double winnow = Double.MAX_VALUE;
                double peer = Double.MAX_VALUE;
                for (int r = 0; r < REPEATS; r++) {
                    winnow = Math.min(winnow, winnowIngest(spark, corpus, work.resolve("run-" + c)));
                    peer = Math.min(peer, sparkJson(spark, corpus, work.resolve("spark-" + c)));
                }
                out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |%n", c, winnow, mb / winnow,
                        mb / winnow / c, peer, mb / peer, peer / winnow);
            } finally {
                spark.stop();
            }
        }
    }

    private static WinnowConfig config(Path corpus, Path runDir) {
        return WinnowConfig.parse("winnow { run-dir = \"" + runDir + "\"\n"
                + " datasets = [{ name = bench, format = jsonl, path = \"" + corpus + "\" }]\n"
                + " stages = [ingest] }", List.of());
    }

    private double winnowIngest(SparkSession spark, Path corpus, Path runDir) throws IOException {
        deleteRecursively(runDir);
        WinnowConfig config = config(corpus, runDir);
        Progress quiet = new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
        long t0 = System.nanoTime();
        StageManifest m = new Pipeline(spark, config, StageCatalog::create, quiet).run(null, null, quiet).get(0);
        double s = (System.nanoTime() - t0) / 1e9;
        if (m.rejected() != 0) {
            throw new IllegalStateException("bench corpus has rejected rows: " + m.rejectedByReason());
        }
        return s;
    }

    private static double sparkJson(SparkSession spark, Path input, Path output) throws IOException {
        deleteRecursively(output);
        StructType schema = new StructType()
                .add("id", DataTypes.StringType).add("url", DataTypes.StringType).add("text", DataTypes.StringType);
        long t0 = System.nanoTime();
        spark.read().schema(schema).json(input.toString()).write().parquet(output.toString());
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long corpusBytes(Path corpus) throws IOException {
        if (!Files.isDirectory(corpus)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(corpus)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Deletes a folder and everything in it (nothing when it does not exist). */
    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
