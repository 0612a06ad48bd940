package dev.winnow.jobs.bench;

import dev.winnow.dedup.decontam.CutOutcome;
import dev.winnow.dedup.decontam.DecontaminationParams;
import dev.winnow.dedup.decontam.Decontaminator;
import dev.winnow.dedup.decontam.NgramDocumentCounter;
import dev.winnow.dedup.decontam.TaskExample;
import dev.winnow.dedup.decontam.TaskNgramIndex;
import dev.winnow.jobs.decontam.TaskSets;
import dev.winnow.jobs.decontam.TaskSpec;
import dev.winnow.quality.QualityDocuments;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The decontamination passes on one thread: every task set of {@code <data>/decontam} indexed,
 * every other JSONL document of the data folder scanned by the counting pass and then the cutting
 * pass (frequent n-grams ignored), best of a few runs, in MB/s of UTF-8 text; beside them the
 * straightforward implementation ({@link NaiveDecontamination}) on the same documents. With
 * {@link #spark}, the decontaminate stage end to end in local[N] on the same documents.
 */
public final class DecontamBench {
    private final PrintStream out;

    public DecontamBench(PrintStream out) {
        this.out = out;
    }

    /** The task sets of the data folder: one per file of {@code decontam/}, named by file. */
    public static List<TaskSpec> sharedTasks(Path data) throws IOException {
        List<TaskSpec> specs = new ArrayList<>();
        try (Stream<Path> files = Files.list(data.resolve("decontam"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".jsonl.gz", "");
                specs.add(new TaskSpec(name, f.toString(), TaskSpec.Format.JSONL, "text", "id"));
            }
        }
        return specs;
    }

    /** The texts of every JSONL document of the data folder outside {@code decontam/}. */
    public static List<String> sharedDocuments(Path data) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz"))
                    .filter(p -> !data.relativize(p).startsWith("decontam")).sorted().toList();
        }
        return QualityDocuments.read(files).texts().stream().filter(t -> !t.isEmpty()).toList();
    }

    public static List<TaskExample> examples(List<TaskSpec> specs) {
        List<TaskExample> all = new ArrayList<>();
        for (TaskSets.Loaded l : TaskSets.load(specs, new Configuration())) {
            all.addAll(l.examples());
        }
        return all;
    }

    public void run(Path data, int runs) throws IOException {
        List<TaskExample> examples = examples(sharedTasks(data));
        DecontaminationParams params = DecontaminationParams.MEGATRON;
        long t0 = System.nanoTime();
        TaskNgramIndex index = TaskNgramIndex.build(examples, params);
        out.printf(Locale.ROOT, "task_examples: %d (%d too short)%n", index.examples(), index.examplesTooShort());
        out.printf(Locale.ROOT, "task_ngrams: %d%n", index.size());
        out.printf(Locale.ROOT, "index_build_s: %.2f%n", (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "index_mb: %.1f%n", index.sizeBytes() / 1e6);
        List<String> docs = sharedDocuments(data);
        long bytes = 0;
        for (String d : docs) {
            bytes += d.getBytes(StandardCharsets.UTF_8).length;
        }
        double mb = bytes / 1e6;
        out.printf(Locale.ROOT, "documents: %d, %.1f MB%n", docs.size(), mb);

        double bestCount = Double.MAX_VALUE;
        NgramDocumentCounter counter = null;
        for (int r = 0; r <= runs; r++) {
            long t = System.nanoTime();
            counter = new NgramDocumentCounter(index);
            for (String d : docs) {
                counter.add(d);
            }
            double s = (System.nanoTime() - t) / 1e9;
            out.printf(Locale.ROOT, "  count run %d: %.1f MB/s%s%n", r, mb / s, r == 0 ? " (warm-up)" : "");
            if (r > 0) {
                bestCount = Math.min(bestCount, s);
            }
        }
        List<Long> frequent = new ArrayList<>();
        long[] distinct = {0};
        counter.forEach((key, n) -> {
            distinct[0]++;
            if (params.isFrequent(n)) {
                frequent.add(key);
            }
        });
        long[] ignored = frequent.stream().mapToLong(Long::longValue).toArray();
        out.printf(Locale.ROOT, "count: documents with task n-grams %d, distinct n-grams %d, frequent (>= %d docs) %d%n",
                counter.documentsWithMatches(), distinct[0], params.frequentDocuments(), ignored.length);

        double bestCut = Double.MAX_VALUE;
        long touched = 0;
        long dropped = 0;
        long removed = 0;
        for (int r = 0; r <= runs; r++) {
            long t = System.nanoTime();
            Decontaminator d = new Decontaminator(index, ignored);
            touched = 0;
            dropped = 0;
            removed = 0;
            for (String doc : docs) {
                CutOutcome c = d.apply(doc);
                if (c != null) {
                    touched++;
                    dropped += c.droppedWhole() ? 1 : 0;
                    removed += c.totalCharsRemoved();
                }
            }
            double s = (System.nanoTime() - t) / 1e9;
            out.printf(Locale.ROOT, "  cut run %d: %.1f MB/s%s%n", r, mb / s, r == 0 ? " (warm-up)" : "");
            if (r > 0) {
                bestCut = Math.min(bestCut, s);
            }
        }
        out.printf(Locale.ROOT, "cut: documents touched %d, dropped whole %d, characters removed %d%n", touched, dropped, removed);
        out.printf(Locale.ROOT, "winnow.count_mb_s: %.1f%n", mb / bestCount);
        out.printf(Locale.ROOT, "winnow.cut_mb_s: %.1f%n", mb / bestCut);

        NaiveDecontamination naive = new NaiveDecontamination(examples, params);
        long t = System.nanoTime();
        long naiveTouched = 0;
        for (String doc : docs) {
            naiveTouched += naive.contains(doc) ? 1 : 0;
        }
        double naiveS = (System.nanoTime() - t) / 1e9;
        out.printf(Locale.ROOT, "naive: documents with task n-grams %d%n", naiveTouched);
        out.printf(Locale.ROOT, "naive.count_mb_s: %.1f%n", mb / naiveS);
        out.printf(Locale.ROOT, "speedup.count: %.1fx%n", naiveS / bestCount);
    }

    /**
     * The decontaminate stage on the same documents in local[{@code cores}], after an uncounted
     * warm-up run on 2,000 of them (JIT, Spark's code generation, and the JVM's index build, which
     * an executor pays once however much data it reads: reported as index_ms of the warm-up).
     */
    public void spark(Path data, Path work, int cores) throws IOException {
        List<String> docs = sharedDocuments(data);
        Path jsonl = work.resolve("corpus.jsonl");
        PlantedContamination.Corpus.of(docs).writeJsonl(jsonl);
        Path warm = work.resolve("warm-up.jsonl");
        PlantedContamination.Corpus.of(docs.subList(0, Math.min(2000, docs.size()))).writeJsonl(warm);
        long bytes = 0;
        for (String d : docs) {
            bytes += d.getBytes(StandardCharsets.UTF_8).length;
        }
        StringBuilder tasks = new StringBuilder();
        for (TaskSpec t : sharedTasks(data)) {
            tasks.append("{ name = ").append(t.name()).append(", path = \"").append(t.path()).append("\" }\n");
        }
        org.apache.spark.sql.SparkSession spark = null;
        try {
            for (Path input : List.of(warm, jsonl)) {
                String hocon = "winnow {\n run-dir = \"" + work.resolve("run-" + input.getFileName()) + "\"\n"
                        + " keep-rejected-text = false\n"
                        + " datasets = [ { name = corpus, format = jsonl, path = \"" + input + "\" } ]\n"
                        + " stages = [ingest, decontaminate]\n decontaminate.tasks = [\n" + tasks + "]\n"
                        + " spark.conf { \"spark.ui.enabled\" = false }\n}\n";
                dev.winnow.jobs.config.WinnowConfig config = dev.winnow.jobs.config.WinnowConfig.parse(hocon, List.of());
                if (spark == null) {
                    spark = dev.winnow.jobs.cli.SparkSessions.open(config, "local[" + cores + "]");
                    out.println("warm-up (not counted):");
                }
                dev.winnow.jobs.run.Progress progress = new dev.winnow.jobs.run.Progress(out);
                List<dev.winnow.jobs.run.StageManifest> ms = new dev.winnow.jobs.run.Pipeline(spark, config,
                        dev.winnow.jobs.stages.StageCatalog::create, progress).run(null, null, progress);
                dev.winnow.jobs.run.StageManifest m = ms.get(1);
                if (input.equals(jsonl)) {
                    double seconds = m.elapsedMs() / 1e3;
                    out.printf(Locale.ROOT, "spark.decontaminate_s: %.1f (local[%d], %d documents, %.1f MB; ingest %.1f s not counted)%n",
                            seconds, cores, m.in(), bytes / 1e6, ms.get(0).elapsedMs() / 1e3);
                    out.printf(Locale.ROOT, "spark.decontaminate_mb_s: %.1f (%.1f per core)%n", bytes / 1e6 / seconds,
                            bytes / 1e6 / seconds / cores);
                }
            }
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }
}
