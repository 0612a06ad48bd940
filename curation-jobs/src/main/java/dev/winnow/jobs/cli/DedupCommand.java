package dev.winnow.jobs.cli;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.dedup.DedupEvaluation;
import dev.winnow.jobs.dedup.EvalCorpus;
import dev.winnow.jobs.stages.FuzzyDedupStage;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code winnow dedup}: deduplication tools. */
@Command(name = "dedup", mixinStandardHelpOptions = true, description = "Deduplication tools.",
        subcommands = {DedupCommand.Eval.class})
final class DedupCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Runs fuzzy dedup (the fuzzy-dedup settings of the config, with --set overrides) on a "
                    + "JSONL corpus of id and text, and prints pair precision and recall of its duplicate groups "
                    + "against every pair with shingle Jaccard >= threshold (an exact join on the same shingles; "
                    + "fine up to ~100k documents) or, with --gold, against gold pairs.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        ConfigOptions options = new ConfigOptions();

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "JSONL(.gz) with id and text.")
        Path data;

        @Option(names = "--gold", paramLabel = "PAIRS.tsv", description = "Gold duplicate pairs: id1<TAB>id2 lines.")
        Path gold;

        @Option(names = "--threads", description = "Threads of the exact join (default: the cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() throws IOException {
            for (Path f : gold == null ? new Path[] {data} : new Path[] {data, gold}) {
                if (!Files.isReadable(f)) {
                    System.err.println("winnow dedup eval: cannot read " + f);
                    return 2;
                }
            }
            FuzzyParams params;
            int pairwise;
            WinnowConfig config;
            try {
                config = options.load();
                params = FuzzyDedupStage.params(config.block(FuzzyDedupStage.NAME));
                pairwise = FuzzyDedupStage.pairwise(config.block(FuzzyDedupStage.NAME));
            } catch (ConfigError e) {
                System.err.println("winnow dedup eval: " + e.getMessage());
                return 2;
            }
            EvalCorpus corpus = EvalCorpus.read(data);
            corpus.skipped().forEach(s -> System.err.println("skipped: " + s));
            long[] goldPairs;
            try {
                goldPairs = gold == null ? null : corpus.goldPairs(gold);
            } catch (IllegalArgumentException e) {
                System.err.println("winnow dedup eval: " + e.getMessage());
                return 2;
            }
            SparkSession spark = SparkSessions.open(config, options.master);
            DedupEvaluation.run(spark, corpus, params, pairwise, goldPairs, threads).lines().forEach(System.out::println);
            return 0;
        }
    }
}
