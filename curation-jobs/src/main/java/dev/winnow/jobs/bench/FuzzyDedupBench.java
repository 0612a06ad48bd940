package dev.winnow.jobs.bench;

import dev.winnow.jobs.ingest.LocalTextFiles;
import dev.winnow.jobs.cli.SparkSessions;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.StageCatalog;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench dedup} and {@code bench dedup-scaling}: the fuzzy-dedup stage end to end
 * (signatures, edges, verification, components, representatives, clusters table, kept and
 * rejected rows written and recounted) on a JSONL corpus in local[N], timed by its manifest;
 * against MLlib's MinHashLSH self-join on the same corpus in the same JVM, or over prefixes of
 * a corpus of growing size.
 */
public final class FuzzyDedupBench {
    /** Documents of the warm-up run: the head of the corpus (or all of it when shorter). */
    private static final long WARM_UP_DOCS = 2_000;

    private final PrintStream out;
    private final Path work;
    private final int cores;
    private final List<String> overrides;

    public FuzzyDedupBench(PrintStream out, Path work, int cores, List<String> overrides) {
        this.out = out;
        this.work = work;
        this.cores = cores;
        this.overrides = overrides;
    }

    /** Winnow's fuzzy-dedup stage, then (when {@code mllib}) the MLlib baseline, on one corpus. */
    public void compare(Path data, boolean mllib, long timeoutSeconds) throws IOException {
        Path jsonl = plain(data, Long.MAX_VALUE, work.resolve("corpus.jsonl"));
        SparkSession spark = session(jsonl, work.resolve("run"));
        try {
            // Warm-up, not counted: the first stage in a JVM pays for JIT and Spark's code
            // generation, which the MLlib run after it would not.
            out.println("warm-up (not counted):");
            winnow(spark, plain(data, WARM_UP_DOCS, work.resolve("warm-up.jsonl")), work.resolve("run-warm-up"));
            StageManifest m = winnow(spark, jsonl, work.resolve("run"));
            double winnowSeconds = m.elapsedMs() / 1e3;
            if (!mllib) {
                return;
            }
            MllibMinHashBaseline.Settings s = new MllibMinHashBaseline.Settings(5, 42, 0.8, 8 * cores, timeoutSeconds);
            MllibMinHashBaseline.Result r = MllibMinHashBaseline.run(spark, jsonl.toString(), s,
                    new dev.winnow.dedup.PairMetrics.Ids());
            if (!r.finished()) {
                out.println("mllib: " + r.message());
                out.printf(Locale.ROOT, "speedup: more than %.1fx%n", timeoutSeconds / winnowSeconds);
                return;
            }
            out.printf(Locale.ROOT, "mllib: %.1f s (vectors %.1f s, join + collect %.1f s), %d pairs%n",
                    r.totalSeconds(), r.vectorSeconds(), r.joinSeconds(), r.pairs().length);
            out.printf(Locale.ROOT, "speedup: %.1fx%n", r.totalSeconds() / winnowSeconds);
        } finally {
            spark.stop();
        }
    }

    /** The stage on the first base × f documents of {@code data}, for each factor f. */
    public void scaling(Path data, long base, List<Integer> factors) throws IOException {
        List<double[]> rows = new ArrayList<>();
        SparkSession spark = null;
        try {
            for (int f : factors) {
                Path jsonl = plain(data, base * f, work.resolve("prefix-" + f + ".jsonl"));
                if (spark == null) {
                    spark = session(jsonl, work.resolve("run-" + f));
                    out.println("warm-up (not counted):");
                    winnow(spark, plain(data, WARM_UP_DOCS, work.resolve("warm-up.jsonl")), work.resolve("run-warm-up"));
                }
                StageManifest m = winnow(spark, jsonl, work.resolve("run-" + f));
                rows.add(new double[] {f, m.in(), m.elapsedMs() / 1e3, Files.size(jsonl) / 1e6});
                Files.delete(jsonl);
            }
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        double[] first = rows.get(0);
        out.println("factor  documents   jsonl_mb  seconds  time_ratio  data_ratio  time/data");
        for (double[] r : rows) {
            double timeRatio = r[2] / first[2];
            double dataRatio = r[1] / first[1];
            out.printf(Locale.ROOT, "%6.0f %10.0f %10.1f %8.1f %11.2f %11.2f %10.2f%n", r[0], r[1], r[3], r[2],
                    timeRatio, dataRatio, timeRatio / dataRatio);
        }
    }

    private WinnowConfig config(Path jsonl, Path runDir) {
        String hocon = "winnow {\n run-dir = \"" + runDir + "\"\n keep-rejected-text = false\n"
                + " datasets = [ { name = corpus, format = jsonl, path = \"" + jsonl + "\" } ]\n"
                + " stages = [ingest, fuzzy-dedup]\n"
                + " spark.conf { \"spark.ui.enabled\" = false, \"spark.sql.shuffle.partitions\" = " + 8 * cores + " }\n}\n";
        return WinnowConfig.parse(hocon, overrides);
    }

    private SparkSession session(Path jsonl, Path runDir) {
        return SparkSessions.open(config(jsonl, runDir), "local[" + cores + "]");
    }

    private StageManifest winnow(SparkSession spark, Path jsonl, Path runDir) {
        Progress progress = new Progress(out);
        List<StageManifest> ms = new Pipeline(spark, config(jsonl, runDir), StageCatalog::create, progress)
                .run(null, null, progress);
        StageManifest m = ms.get(ms.size() - 1);
        out.printf(Locale.ROOT, "winnow: fuzzy-dedup %.1f s on %d documents (ingest %.1f s, not counted)%n",
                m.elapsedMs() / 1e3, m.in(), ms.get(0).elapsedMs() / 1e3);
        return m;
    }

    /** The first {@code limit} non-blank lines of a JSONL(.gz) file, uncompressed (so Spark splits it). */
    static Path plain(Path data, long limit, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        long n = 0;
        try (BufferedReader r = LocalTextFiles.reader(data);
             BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            String line;
            while (n < limit && (line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    w.write(line);
                    w.write('\n');
                    n++;
                }
            }
        }
        if (n < limit && limit != Long.MAX_VALUE && limit != WARM_UP_DOCS) {
            throw new IllegalArgumentException(data + " has " + n + " documents, fewer than " + limit);
        }
        return to;
    }
}
