package dev.winnow.trainer.bench;

import dev.winnow.blending.BlendManifest;
import dev.winnow.trainer.data.BatchLoader;
import dev.winnow.trainer.data.BatchSchedule;
import dev.winnow.trainer.data.BlendFolder;
import dev.winnow.trainer.data.BlendedSamples;
import dev.winnow.trainer.data.CacheFolder;
import dev.winnow.trainer.data.DataParallelSampler;
import dev.winnow.trainer.data.IndexSpec;
import dev.winnow.trainer.data.ShardReader;
import dev.winnow.trainer.data.ShardVerification;
import dev.winnow.trainer.data.StepBatch;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Loader throughput on a real blend, one core for each measured part: SHA-256 of the shards,
 * Parquet streaming of the token column, the one-off token-store and index build, then serving
 * samples from the memory-mapped cache directly and through the prefetching {@link BatchLoader}.
 * Each repeated part runs for at least {@code seconds} and reports tokens per second.
 */
public final class LoaderBench {
    private final PrintStream out;

    public LoaderBench(PrintStream out) {
        this.out = out;
    }

    /**
     * Measures the blend, then (when {@code copies > 1}) the same documents repeated {@code copies}
     * times in {@code enlargedDir}, in shards of about 4M tokens.
     */
    public void run(Path blendDir, int seqLen, long seed, Path cache, double seconds, int copies, Path enlargedDir) {
        measure(blendDir, seqLen, seed, cache, seconds);
        if (copies > 1) {
            long t = System.nanoTime();
            try {
                EnlargedBlend.write(BlendFolder.open(blendDir, ShardVerification.UP_FRONT), copies, 4_000_000, enlargedDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out.printf("%nwrote the blend's documents %d times to %s in %.1f s%n", copies, enlargedDir,
                    (System.nanoTime() - t) / 1e9);
            measure(enlargedDir, seqLen, seed, cache, seconds);
        }
    }

    private void measure(Path blendDir, int seqLen, long seed, Path cache, double seconds) {
        BlendFolder blend = BlendFolder.open(blendDir, ShardVerification.LAZY);
        BlendManifest m = blend.manifest();
        long tokens = m.datasets().values().stream().mapToLong(BlendManifest.Dataset::tokens).sum();
        long bytes = m.datasets().values().stream().flatMap(d -> d.shards().stream())
                .mapToLong(s -> blend.shardFile(s).toFile().length()).sum();
        out.printf("blend %s: %,d tokens in %d shards, %,d bytes%n", blendDir, tokens,
                m.datasets().values().stream().mapToInt(d -> d.shards().size()).sum(), bytes);

        long t = System.nanoTime();
        BlendFolder.open(blendDir, ShardVerification.UP_FRONT);
        out.printf("SHA-256 of every shard: %.3f s (%.0f MB/s)%n", (System.nanoTime() - t) / 1e9,
                bytes / 1e6 / ((System.nanoTime() - t) / 1e9));

        long[] count = {0};
        double rate = repeat(seconds, () -> {
            for (BlendManifest.Dataset d : m.datasets().values()) {
                for (BlendManifest.Shard s : d.shards()) {
                    ShardReader.read(blend, s, (row, ids) -> count[0] += ids.length());
                }
            }
            return tokens;
        });
        out.printf("Parquet streaming (tokens column, checks included): %,.0f tokens/s%n", rate);

        CacheFolder.delete(cache);
        t = System.nanoTime();
        BlendedSamples samples = BlendedSamples.open(blend, cache, IndexSpec.forTargetTokens(m.targetTokens(), seqLen,
                seed));
        out.printf("token store + indices for %,d samples of %d: %.2f s, %s on disk%n", samples.size(), seqLen,
                (System.nanoTime() - t) / 1e9, HeapPeak.mib(CacheFolder.size(cache)));

        int[] buffer = new int[seqLen + 1];
        long[] next = {0};
        rate = repeat(seconds, () -> {
            for (int k = 0; k < 1000; k++) {
                samples.read(next[0]++ % samples.size(), buffer);
            }
            return 1000L * seqLen;
        });
        out.printf("samples from the cache, one thread: %,.0f tokens/s%n", rate);

        int global = 32;
        DataParallelSampler sampler = new DataParallelSampler(BatchSchedule.constant(global), 4, 0, 1, samples.size());
        long[] consumed = {0};
        rate = repeat(seconds, () -> {
            long served = 0;
            try (BatchLoader loader = new BatchLoader(samples, sampler, consumed[0] % (samples.size() - global), true, 8)) {
                for (int s = 0; s < 100 && loader.hasNext(); s++) {
                    StepBatch b = loader.next();
                    served += (long) b.globalBatchSize() * seqLen;
                    consumed[0] = b.consumedAfter();
                }
            }
            return served;
        });
        out.printf("BatchLoader (prefetch thread, micro-batch 4, loss mask): %,.0f tokens/s%n", rate);
    }

    /** Runs {@code work} (returning tokens handled) until {@code seconds} have passed; tokens per second. */
    private static double repeat(double seconds, java.util.function.LongSupplier work) {
        long start = System.nanoTime();
        long done = 0;
        double elapsed;
        do {
            done += work.getAsLong();
            elapsed = (System.nanoTime() - start) / 1e9;
        } while (elapsed < seconds);
        return done / elapsed;
    }
}
