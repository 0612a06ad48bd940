package dev.winnow.jobs.bench;

import dev.winnow.quality.QualityDocuments;
import dev.winnow.quality.QualityModelTraining;
import dev.winnow.quality.fasttext.FastTextModel;
import dev.winnow.quality.fasttext.FastTextTrainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The quality model's cost: training time on N documents and scoring speed (documents/s, one
 * thread) on 1,500-character inputs, Winnow against the fastText C++ CLI on the same files when
 * {@code fasttext} is on the PATH. The corpus is real text from {@code ../shared/data}: the
 * curated and web documents cut into 1,500-character windows at shifting offsets until there are
 * N, labelled by their source.
 */
public final class QualityBench {
    private final PrintStream out;

    public QualityBench(PrintStream out) {
        this.out = out;
    }

    /**
     * @param block fastText lines per shared-weights block (1: fastText's serial SGD)
     * @param threads training threads besides the one-thread run (1: that run only); the model
     *     must come out the same, and the bench fails if it does not
     */
    public void run(Path data, Path work, int documents, int bucket, int passes, int block, int threads)
            throws IOException, InterruptedException {
        List<String> positives = QualityDocuments.read(List.of(data.resolve("quality/hq_wikitext2_articles.jsonl.gz"),
                data.resolve("quality/hq_gutenberg_chunks.jsonl.gz"),
                data.resolve("quality/hq_kjv_bible_chapters.jsonl.gz"))).texts();
        List<String> negatives = QualityDocuments.read(List.of(data.resolve("web/web_cc_docs.jsonl.gz"))).texts();
        List<String> lines = corpus(positives, negatives, documents);
        Files.createDirectories(work);
        Path train = work.resolve("quality-train.txt");
        Files.write(train, lines);
        out.println("documents: " + lines.size());
        out.println("distinct_windows: " + (windows(positives).size() + windows(negatives).size()));
        out.printf(Locale.ROOT, "corpus_mb: %.1f%n", Files.size(train) / 1e6);

        FastTextTrainer.Settings settings = FastTextTrainer.Settings.DEFAULT.withBucket(bucket).withBlock(block);
        out.println("block: " + block);
        long t0 = System.nanoTime();
        FastTextModel model = FastTextTrainer.train(lines, settings);
        double winnowTrain = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "winnow.train_s: %.1f%n", winnowTrain);
        if (threads > 1) {
            long p0 = System.nanoTime();
            FastTextModel parallel = FastTextTrainer.train(lines, settings, threads);
            double parallelTrain = (System.nanoTime() - p0) / 1e9;
            if (!Arrays.equals(digest(model), digest(parallel))) {
                throw new IllegalStateException("the model trained on " + threads
                        + " threads differs from the one-thread model");
            }
            out.printf(Locale.ROOT, "winnow.train_s.threads%d: %.1f (the same model, bit for bit)%n", threads,
                    parallelTrain);
            out.printf(Locale.ROOT, "winnow.train_speedup.threads%d: %.2f%n", threads, winnowTrain / parallelTrain);
        }
        Path modelFile = work.resolve("quality-winnow.bin");
        model.save(modelFile);

        // Scoring input: the texts alone, 1,500 characters each.
        List<String> inputs = new ArrayList<>(lines.size());
        for (String line : lines) {
            inputs.add(line.substring(line.indexOf(' ') + 1));
        }
        Path score = work.resolve("quality-score.txt");
        Files.write(score, inputs);
        double best = 0;
        for (int pass = 0; pass <= passes; pass++) {
            long s0 = System.nanoTime();
            double sink = 0;
            for (String text : inputs) {
                sink += model.predict(text)[0];
            }
            double rate = inputs.size() / ((System.nanoTime() - s0) / 1e9);
            if (pass > 0) { // pass 0 warms the JIT up
                best = Math.max(best, rate);
            }
            if (Double.isNaN(sink)) {
                throw new IllegalStateException("NaN score");
            }
        }
        out.printf(Locale.ROOT, "winnow.score_docs_per_s: %.0f%n", best);

        if (!cliAvailable()) {
            out.println("fasttext_cli: not on PATH, no peer figures");
            return;
        }
        for (int t : threads > 1 ? List.of(1, threads) : List.of(1)) {
            long c0 = System.nanoTime();
            run(List.of("fasttext", "supervised", "-input", train.toString(), "-output",
                    work.resolve("quality-cli").toString(), "-dim", "100", "-lr", "0.1", "-epoch", "5", "-wordNgrams",
                    "2", "-bucket", Integer.toString(bucket), "-thread", Integer.toString(t)));
            out.printf(Locale.ROOT, "cli.train_s%s: %.1f%n", t == 1 ? "" : ".threads" + t,
                    (System.nanoTime() - c0) / 1e9);
        }
        // Scoring time = predicting the whole file minus predicting one line (the model load).
        Path one = work.resolve("quality-one.txt");
        Files.write(one, inputs.subList(0, 1));
        double cliBest = 0;
        for (int pass = 0; pass < passes; pass++) {
            double all = timed(List.of("fasttext", "predict-prob", modelFile.toString(), score.toString(), "1"));
            double load = timed(List.of("fasttext", "predict-prob", modelFile.toString(), one.toString(), "1"));
            cliBest = Math.max(cliBest, (inputs.size() - 1) / Math.max(1e-9, all - load));
        }
        out.printf(Locale.ROOT, "cli.score_docs_per_s: %.0f%n", cliBest);
        out.printf(Locale.ROOT, "winnow_over_cli.score: %.2f%n", best / cliBest);
    }

    /**
     * N labelled documents of up to 1,500 characters, alternating classes: each text's windows at
     * offsets 0, 500, 1000, … (windows under 200 characters after the first are skipped), cycling
     * through each class's windows again when N exceeds them.
     */
    static List<String> corpus(List<String> positives, List<String> negatives, int n) {
        List<String> pos = windows(positives);
        List<String> neg = windows(negatives);
        if (pos.isEmpty() || neg.isEmpty()) {
            throw new IllegalStateException("no text to build a corpus from");
        }
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; lines.size() < n; i++) {
            lines.add(QualityModelTraining.POSITIVE + " " + pos.get(i % pos.size()));
            if (lines.size() < n) {
                lines.add(QualityModelTraining.NEGATIVE + " " + neg.get(i % neg.size()));
            }
        }
        return lines;
    }

    static List<String> windows(List<String> texts) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            String flat = text.replace('\n', ' ').replace('\r', ' ');
            for (int offset = 0; offset < flat.length(); offset += 500) {
                String window = flat.substring(offset, Math.min(flat.length(), offset + 1500));
                if (offset == 0 || window.length() >= 200) {
                    out.add(window);
                }
            }
        }
        return out;
    }

    /** SHA-256 of the model's file bytes. */
    private static byte[] digest(FastTextModel model) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream o = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                model.write(o);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean cliAvailable() {
        try {
            Process p = new ProcessBuilder("fasttext").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(30, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static double timed(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run(command);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }
}
