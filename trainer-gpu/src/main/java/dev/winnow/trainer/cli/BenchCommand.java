package dev.winnow.trainer.cli;

import dev.winnow.trainer.bench.IndexScaleBench;
import dev.winnow.trainer.bench.LoaderBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code winnow-train bench loader}: loader throughput on a real blend.
 * {@code winnow-train bench index-scale}: the indices of a full blend spec from synthetic document lengths.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see docs/benchmarks.md).",
        subcommands = {BenchCommand.Loader.class, BenchCommand.IndexScale.class,
            dev.winnow.trainer.run.GemmBenchCommand.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The index parameters both benchmarks take. */
    static final class IndexOptions {
        @Option(names = "--seq-len", description = "Sequence length (default: 2048).")
        int seqLen = 2048;

        @Option(names = "--seed", description = "Shuffle seed, and the synthetic lengths' seed (default: 1234).")
        long seed = 1234;
    }

    @Command(name = "loader", mixinStandardHelpOptions = true,
            description = "Shard hashing, Parquet streaming, cache build and batch serving rates on a blend.")
    static final class Loader implements Runnable {
        @Option(names = "--blend", required = true, description = "Blend folder (manifest.json and shards).")
        Path blend;

        @Mixin
        IndexOptions index;

        @Option(names = "--cache", description = "Scratch cache folder, emptied first (default: runs/bench/loader-cache).")
        Path cache = Path.of("runs/bench/loader-cache");

        @Option(names = "--seconds", description = "Minimum time per repeated measurement (default: 3).")
        double seconds = 3;

        @Option(names = "--copies", description = "Then measure the blend's documents repeated this many times "
                + "(default: 1000; 1 to skip).")
        int copies = 1000;

        @Option(names = "--enlarged", description = "Folder for the enlarged blend, emptied first "
                + "(default: runs/bench/loader-enlarged).")
        Path enlarged = Path.of("runs/bench/loader-enlarged");

        @Override
        public void run() {
            new LoaderBench(System.out).run(blend, index.seqLen, index.seed, cache, seconds, copies, enlarged);
        }
    }

    @Command(name = "index-scale", mixinStandardHelpOptions = true,
            description = "Builds the indices of a whole blend spec (default: the paper's MT-NLG blend) from "
                    + "synthetic document lengths; reports time, peak heap and size on disk.")
    static final class IndexScale implements Runnable {
        @Option(names = "--conf", description = "Blend spec (default: conf/blend/mt-nlg.conf).")
        Path conf = Path.of("conf/blend/mt-nlg.conf");

        @Mixin
        IndexOptions index;

        @Option(names = "--cache", description = "Scratch folder, emptied first (default: runs/bench/index-scale).")
        Path cache = Path.of("runs/bench/index-scale");

        @Override
        public void run() {
            new IndexScaleBench(System.out).run(conf, index.seqLen, index.seed, cache);
        }
    }
}
