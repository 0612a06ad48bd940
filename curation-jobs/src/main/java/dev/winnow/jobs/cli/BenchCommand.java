package dev.winnow.jobs.cli;

import dev.winnow.jobs.bench.CopySimilarity;
import dev.winnow.jobs.bench.DedupMllibBench;
import dev.winnow.jobs.bench.FuzzyDedupBench;
import dev.winnow.jobs.bench.IngestBench;
import dev.winnow.jobs.bench.LidBench;
import dev.winnow.jobs.bench.NearDupCorpus;
import dev.winnow.jobs.bench.QualityBench;
import dev.winnow.jobs.bench.SourceText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code winnow bench ingest}: ingest throughput against Spark's JSON reader, same files, same run.
 * {@code winnow bench lid}: language identification throughput, one thread.
 * {@code winnow bench quality}: quality model training time and scoring speed, vs the fastText CLI.
 * {@code winnow bench neardup-corpus}: writes a corpus with known near-duplicate clusters.
 * {@code winnow bench dedup-mllib}: MLlib's MinHashLSH self-join, time and precision/recall vs exact Jaccard.
 * {@code winnow bench scale}: the whole pipeline at 1×, 2×, 4× of a corpus from real text, on 1 and 2 cores.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see docs/benchmarks.md).",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Lid.class, BenchCommand.Quality.class,
                BenchCommand.Dedup.class, BenchCommand.DedupScaling.class,
                BenchCommand.NearDup.class, BenchCommand.DedupMllib.class,
                BenchCommand.Decontam.class, BenchCommand.Tokenize.class, BenchCommand.ReportCost.class,
                BenchCommand.Scale.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Ingest MB/s per core on a JSONL corpus generated from real text, vs spark.read.json.")
    static final class Ingest implements Runnable {
        @Option(names = "--data", description = "Folder of real JSONL text (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--work", description = "Scratch folder for the corpus and outputs (default: runs/bench).")
        Path work = Path.of("runs/bench");

        @Option(names = "--size-mb", description = "Corpus size in MB (default: 256).")
        long sizeMb = 256;

        @Option(names = "--files", description = "Number of corpus files (default: 8).")
        int files = 8;

        @Option(names = "--cores", split = ",", description = "Core counts to measure (default: 1,2).")
        List<Integer> cores = List.of(1, 2);

        @Override
        public void run() {
            try {
                new IngestBench(System.out).run(data, work, sizeMb, files, cores);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "lid", mixinStandardHelpOptions = true,
            description = "Language identification MB/s, one thread, on sentences, on 10 KB documents and on "
                    + "real documents.")
    static final class Lid implements Runnable {
        @Option(names = "--data", description = "Folder that holds lid/ (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--docs", description = "JSONL(.gz) files or folders of real documents to time "
                + "(default: the data folder's Common Crawl pages and Europarl documents).")
        List<Path> docs = List.of();

        @Option(names = "--passes", description = "Timed passes per set; the fastest is reported (default: 5).")
        int passes = 5;

        @Override
        public void run() {
            try {
                new LidBench(System.out).run(data, docs, passes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "Quality model: training time on N documents and scoring documents/s (one thread), "
                    + "Winnow vs the fastText CLI on the same files.")
    static final class Quality implements Runnable {
        @Option(names = "--data", description = "Folder that holds quality/ and web/ (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--work", description = "Scratch folder (default: runs/bench).")
        Path work = Path.of("runs/bench");

        @Option(names = "--documents", description = "Training and scoring documents (default: 100000).")
        int documents = 100_000;

        @Option(names = "--bucket", description = "fastText n-gram buckets (default: 2000000).")
        int bucket = 2_000_000;

        @Option(names = "--passes", description = "Timed scoring passes; the fastest is reported (default: 3).")
        int passes = 3;

        @Option(names = "--block", description = "fastText lines whose gradients share one set of weights "
                + "(default: 1, fastText's serial SGD; the pipeline's default is quality.train.block).")
        int block = 1;

        @Option(names = "--threads", description = "Also train on this many threads and check the model is the "
                + "same (default: 1, one-thread run only).")
        int threads = 1;

        @Override
        public void run() {
            try {
                new QualityBench(System.out).run(data, work, documents, bucket, passes, block, threads);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Command(name = "neardup-corpus", mixinStandardHelpOptions = true,
            description = "Writes a JSONL corpus of N documents made from real text with known near-duplicate "
                    + "clusters: {\"id\", \"text\", \"cluster\", \"source_id\"}; the same seed gives the same bytes.")
    static final class NearDup implements Runnable {
        @Option(names = "--docs", required = true, description = "Number of documents (records) to write.")
        int docs;

        @Option(names = "--seed", description = "Random seed (default: 42).")
        long seed = 42;

        @Option(names = "--data", description = "Folder that holds quality/ and lid/ (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--out", required = true, description = "Output file, .jsonl or .jsonl.gz.")
        Path out;

        @Option(names = "--dup-share", description = "Share of base documents that get near-duplicate copies "
                + "(default: 0.3).")
        double dupShare = 0.3;

        @Option(names = "--large-cluster-rate", description = "Share of those whose cluster has 50-500 copies "
                + "(default: 0.003).")
        double largeClusterRate = 0.003;

        @Option(names = "--median-chars", description = "Median length of a base document (default: 2500).")
        double medianChars = 2500;

        @Option(names = "--jaccard-stats", description = "Also measure every copy's exact word-5-gram Jaccard "
                + "similarity with its source and print the distribution (slower).")
        boolean jaccardStats;

        @Override
        public void run() {
            try {
                long t0 = System.nanoTime();
                SourceText source = SourceText.load(data);
                NearDupCorpus corpus = new NearDupCorpus(source, NearDupCorpus.Settings.defaults(docs, seed).withMedianChars(medianChars)
                        .withDupShare(dupShare).withLargeClusterRate(largeClusterRate));
                CopySimilarity stats = jaccardStats ? new CopySimilarity(corpus) : null;
                NearDupCorpus.Summary s = corpus.write(out, stats == null ? r -> { } : stats);
                double secs = (System.nanoTime() - t0) / 1e9;
                System.out.println("out: " + out);
                System.out.println("source_sentences: " + source.sentenceCount());
                System.out.println("docs: " + s.docs());
                System.out.println("base_docs: " + s.baseDocs());
                System.out.println("clusters_with_copies: " + s.clusters());
                System.out.println("copies: " + s.copies());
                System.out.println("largest_cluster: " + s.largestCluster());
                System.out.printf(Locale.ROOT, "text_mb: %.1f%n", s.textChars() / 1e6);
                System.out.printf(Locale.ROOT, "jsonl_mb: %.1f%n", s.bytes() / 1e6);
                System.out.printf(Locale.ROOT, "seconds: %.1f%n", secs);
                if (stats != null) {
                    stats.print(System.out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = "The whole pipeline on 1x, 2x, 4x of a corpus made from the data folder's real texts, on "
                    + "local[1] and local[2]: seconds and MB/s per core per stage, cost growth against the data ratio, "
                    + "speed-up from 1 core, and the projected core-hours for MT-NLG's 339B tokens.")
    static final class Scale implements Runnable {
        @Option(names = "--data", description = "The shared data folder (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--base-mb", description = "Corpus size at 1x in MB (default: 1024).")
        long baseMb = 1024;

        @Option(names = "--factors", split = ",", description = "Sizes as multiples of the base (default: 1,2,4).")
        int[] factors = {1, 2, 4};

        @Option(names = "--cores", split = ",", description = "Spark local[N] for each N (default: 1,2).")
        int[] cores = {1, 2};

        @Option(names = "--seed", description = "Corpus seed (default: 42).")
        long seed = 42;

        @Option(names = "--file-mb", description = "Size of each corpus file in MB (default: 64).")
        int fileMb = 64;

        @Option(names = "--work", description = "Scratch folder; the corpus is kept there for reruns (default: runs/bench-scale).")
        Path work = Path.of("runs/bench-scale");

        @Option(names = "--pin", description = "Run local[N] on processors 0..N-1 only (taskset), so that one core "
                + "is one core (default: false).")
        boolean pin;

        @Option(names = "--alongside", description = "Then run N copies of local[1] at once, each pinned to its own "
                + "processor (N: the most --cores), against local[1] alone: the machine's own ceiling for local[N]'s "
                + "speed-up. Needs the disk for N runs (default: false).")
        boolean alongside;

        @Override
        public void run() {
            try {
                new dev.winnow.jobs.bench.ScaleBench(System.out, fileMb, pin, alongside)
                        .run(data, work, baseMb, factors, cores, seed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "report-cost", mixinStandardHelpOptions = true,
            description = "The report's time against the run's: N documents (400-character windows of the data "
                    + "folder's real texts) through ingest, clean, language and exact-dedup in local[N], then the report.")
    static final class ReportCost implements Runnable {
        @Option(names = "--data", description = "The shared data folder (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--documents", description = "Documents in the run (default: 1000000).")
        long documents = 1_000_000;

        @Option(names = "--cores", description = "Spark local[N] (default: 2).")
        int cores = 2;

        @Option(names = "--work", description = "Scratch folder (default: a temporary one).")
        Path work;

        @Override
        public void run() {
            try {
                Path w = work != null ? work : Files.createTempDirectory("winnow-bench-report");
                new dev.winnow.jobs.bench.ReportCostBench(System.out).run(data, w, documents, cores);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "tokenize", mixinStandardHelpOptions = true,
            description = "GPT-2 tokenization tokens/s on one thread over <data>/web/web_cc_docs.jsonl.gz; with "
                    + "--reference DIR (blending/tokenizer-reference after `npm install gpt-tokenizer@2` there), the "
                    + "npm gpt-tokenizer on the same texts.")
    static final class Tokenize implements Runnable {
        @Option(names = "--data", description = "The shared data folder (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--passes", description = "Timed passes after a warm-up; the best counts (default: 5).")
        int passes = 5;

        @Option(names = "--reference", paramLabel = "DIR", description = "Folder with bench.mjs and node_modules/gpt-tokenizer.")
        Path reference;

        @Override
        public void run() {
            try {
                new dev.winnow.jobs.bench.TokenizerBench(System.out).run(data, passes, reference);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "decontam", mixinStandardHelpOptions = true,
            description = "The decontamination passes on one thread with every task set of <data>/decontam "
                    + "loaded, over every other JSONL document of <data>: counting and cutting MB/s, beside the "
                    + "straightforward implementation (regex words, string n-grams in a HashSet).")
    static final class Decontam implements Runnable {
        @Option(names = "--data", description = "The shared data folder (default: ../shared/data).")
        Path data = Path.of("../shared/data");

        @Option(names = "--runs", description = "Timed runs per pass after one warm-up run; the best counts (default: 3).")
        int runs = 3;

        @Option(names = "--spark", description = "Then the decontaminate stage end to end in local[N] on the same documents.")
        boolean spark;

        @Option(names = "--cores", description = "Spark local[N] for --spark (default: 2).")
        int cores = 2;

        @Option(names = "--work", description = "Scratch folder for --spark (default: a temporary one).")
        Path work;

        @Override
        public void run() {
            try {
                dev.winnow.jobs.bench.DecontamBench bench = new dev.winnow.jobs.bench.DecontamBench(System.out);
                bench.run(data, runs);
                if (spark) {
                    bench.spark(data, work != null ? work : Files.createTempDirectory("winnow-bench-decontam"), cores);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "dedup", mixinStandardHelpOptions = true,
            description = "Winnow's fuzzy-dedup stage end to end on a JSONL corpus (id, text) in local[N], timed by "
                    + "its manifest, then (with --mllib) MLlib's MinHashLSH self-join on the same corpus in the "
                    + "same JVM, and the speed-up.")
    static final class Dedup implements Runnable {
        @Option(names = "--data", required = true, description = "JSONL(.gz) corpus with id and text fields.")
        Path data;

        @Option(names = "--mllib", description = "Also run the MLlib baseline.")
        boolean mllib;

        @Option(names = "--timeout-s", description = "Give up on MLlib after this many seconds (default: 600).")
        long timeoutSeconds = 600;

        @Option(names = "--cores", description = "Spark local[N] (default: 2).")
        int cores = 2;

        @Option(names = "--work", description = "Scratch folder (default: a temporary one).")
        Path work;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Config override, e.g. fuzzy-dedup.rows=13.")
        List<String> overrides = new java.util.ArrayList<>();

        @Override
        public void run() {
            try {
                Path w = work != null ? work : Files.createTempDirectory("winnow-bench-dedup");
                new FuzzyDedupBench(System.out, w, cores, overrides).compare(data, mllib, timeoutSeconds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "dedup-scaling", mixinStandardHelpOptions = true,
            description = "Winnow's fuzzy-dedup stage on the first BASE x F documents of a corpus, for each factor "
                    + "F, in one local[N] session: time ratios against data ratios.")
    static final class DedupScaling implements Runnable {
        @Option(names = "--data", required = true, description = "JSONL(.gz) corpus with at least BASE x max(F) docs.")
        Path data;

        @Option(names = "--base", required = true, description = "Documents at factor 1.")
        long base;

        @Option(names = "--factors", split = ",", description = "Factors (default: 1,2,4,8).")
        List<Integer> factors = List.of(1, 2, 4, 8);

        @Option(names = "--cores", description = "Spark local[N] (default: 2).")
        int cores = 2;

        @Option(names = "--work", description = "Scratch folder (default: a temporary one).")
        Path work;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Config override.")
        List<String> overrides = new java.util.ArrayList<>();

        @Override
        public void run() {
            try {
                Path w = work != null ? work : Files.createTempDirectory("winnow-bench-dedup-scaling");
                new FuzzyDedupBench(System.out, w, cores, overrides).scaling(data, base, factors);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "dedup-mllib", mixinStandardHelpOptions = true,
            description = "The MLlib baseline of fuzzy dedup: MinHashLSH (5 hash tables, 2^20 binary features of "
                    + "Winnow's word 5-grams) approxSimilarityJoin self-join in local[N]; wall time, pairs, and "
                    + "precision/recall against exact Jaccard >= threshold on the same shingles.")
    static final class DedupMllib implements Runnable {
        @Option(names = "--data", required = true, description = "JSONL(.gz) corpus with id and text fields.")
        Path data;

        @Option(names = "--timeout-s", description = "Give up on the MLlib join after this many seconds "
                + "(default: 600).")
        long timeoutSeconds = 600;

        @Option(names = "--cores", description = "Spark local[N] (default: 2).")
        int cores = 2;

        @Option(names = "--threshold", description = "Jaccard similarity of a duplicate pair (default: 0.8).")
        double threshold = 0.8;

        @Option(names = "--no-truth", description = "Skip the exact ground truth (and so precision/recall).")
        boolean noTruth;

        @Override
        public void run() {
            try {
                new DedupMllibBench(System.out).run(data, cores, timeoutSeconds, threshold, !noTruth);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
