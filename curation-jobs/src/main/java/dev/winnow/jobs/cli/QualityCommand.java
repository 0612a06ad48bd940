package dev.winnow.jobs.cli;

import dev.winnow.quality.QualityDocuments;
import dev.winnow.quality.QualityModelTraining;
import dev.winnow.quality.fasttext.FastTextScorer;
import dev.winnow.quality.fasttext.FastTextTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code winnow quality}: train the fastText quality model on files and judge it on others. */
@Command(name = "quality", mixinStandardHelpOptions = true, description = "Quality classifier tools.",
        subcommands = {QualityCommand.Train.class, QualityCommand.Eval.class})
final class QualityCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Labelled document files: JSONL ({@code text} field, optionally .gz) or text, one document a line. */
    static class Documents {
        @Option(names = "--positive", required = true, description = "Curated (high-quality) documents; repeat.")
        List<Path> positive;

        @Option(names = "--negative", required = true, description = "Raw web / low-quality documents; repeat.")
        List<Path> negative;

        /** Null (after printing why) when a file cannot be read. */
        List<List<String>> read() throws IOException {
            List<Path> all = new ArrayList<>(positive);
            all.addAll(negative);
            for (Path file : all) {
                if (!Files.isReadable(file)) {
                    System.err.println("winnow quality: cannot read " + file);
                    return null;
                }
            }
            QualityDocuments pos = QualityDocuments.read(positive);
            QualityDocuments neg = QualityDocuments.read(negative);
            pos.skipped().forEach(s -> System.err.println("skipped: " + s));
            neg.skipped().forEach(s -> System.err.println("skipped: " + s));
            System.out.println("positive_documents: " + pos.texts().size());
            System.out.println("negative_documents: " + neg.texts().size());
            System.out.println("skipped_lines: " + (pos.skipped().size() + neg.skipped().size()));
            return List.of(pos.texts(), neg.texts());
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Trains the fastText quality model (word bigrams, NeMo Curator's defaults), holding out "
                    + "a validation share it is judged on; writes MODEL (.bin, loads in the fastText CLI) and "
                    + "MODEL.eval.txt.")
    static final class Train implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Documents documents = new Documents();

        @Option(names = "--out", required = true, description = "Model file to write (fastText .bin).")
        Path out;

        @Option(names = "--dim", description = "Embedding size (default: 100).")
        int dim = 100;

        @Option(names = "--lr", description = "Learning rate (default: 0.1).")
        double lr = 0.1;

        @Option(names = "--epoch", description = "Epochs (default: 5).")
        int epoch = 5;

        @Option(names = "--word-ngrams", description = "Longest word n-gram (default: 2).")
        int wordNgrams = 2;

        @Option(names = "--bucket", description = "N-gram hash buckets (default: 2000000).")
        int bucket = 2_000_000;

        @Option(names = "--validation", description = "Share held out to judge the model (default: 0.1).")
        double validation = 0.1;

        @Option(names = "--seed", description = "Seed of the split and the weights (default: 42).")
        long seed = 42;

        @Option(names = "--block", description = "Lines whose gradients share one set of weights, so threads can "
                + "share the work; the model depends on it, not on the threads (default: 1, fastText's serial SGD).")
        int block = 1;

        @Option(names = "--threads", description = "Training threads; the same model for any number (default: 1).")
        int threads = 1;

        @Override
        public Integer call() throws IOException {
            FastTextTrainer.Settings settings;
            try {
                settings = new FastTextTrainer.Settings(dim, lr, epoch, wordNgrams, bucket, 1, 0, 0, seed, block);
                if (threads < 1) {
                    throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
                }
            } catch (IllegalArgumentException e) {
                System.err.println("winnow quality train: " + e.getMessage());
                return 2;
            }
            List<List<String>> docs = documents.read();
            if (docs == null) {
                return 2;
            }
            long t0 = System.nanoTime();
            QualityModelTraining.Result r;
            try {
                r = QualityModelTraining.train(docs.get(0), docs.get(1), settings, validation, seed, threads);
            } catch (IllegalArgumentException e) {
                System.err.println("winnow quality train: " + e.getMessage());
                return 2;
            }
            System.out.printf(Locale.ROOT, "train_seconds: %.1f%n", (System.nanoTime() - t0) / 1e9);
            System.out.println("trained_on: " + r.trained());
            System.out.println("held_out: " + r.held());
            List<String> report = r.validation().report();
            report.forEach(System.out::println);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            r.model().save(out);
            Files.write(out.resolveSibling(out.getFileName() + ".eval.txt"), report);
            System.out.println("model: " + out);
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Judges a quality model (Winnow's or the fastText CLI's .bin) on labelled documents.")
    static final class Eval implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Documents documents = new Documents();

        @Option(names = "--model", required = true, description = "fastText .bin with labels __label__hq/__label__lq.")
        Path model;

        @Override
        public Integer call() throws IOException {
            if (!Files.isReadable(model)) {
                System.err.println("winnow quality eval: cannot read " + model);
                return 2;
            }
            List<List<String>> docs = documents.read();
            if (docs == null) {
                return 2;
            }
            FastTextScorer m = FastTextScorer.load(model);
            List<String> lines = QualityModelTraining.lines(docs.get(0), docs.get(1));
            try {
                QualityModelTraining.judge(m, lines).report().forEach(System.out::println);
            } catch (IllegalArgumentException e) {
                System.err.println("winnow quality eval: " + e.getMessage());
                return 2;
            }
            return 0;
        }
    }
}
