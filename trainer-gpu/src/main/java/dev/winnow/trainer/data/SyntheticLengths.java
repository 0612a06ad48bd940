package dev.winnow.trainer.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Document lengths drawn from a seeded log-normal distribution until they add up to a dataset's
 * token count, written to a memory-mapped file: the scale simulation's stand-in for a token store,
 * so that the full MT-NLG blend's indices can be built without its shards.
 */
public final class SyntheticLengths implements DocumentLengths {
    private final MappedFile lengths;

    private SyntheticLengths(MappedFile lengths) {
        this.lengths = lengths;
    }

    /**
     * @param meanTokens mean document length (the log-normal's mean, not its median)
     * @param sigma      the log-normal's σ (spread of log lengths)
     */
    public static SyntheticLengths generate(Path file, long tokens, double meanTokens, double sigma, long seed) {
        double mu = Math.log(meanTokens) - sigma * sigma / 2;
        SplittableRandom rng = new SplittableRandom(seed);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] le = new byte[4];
            for (long left = tokens; left > 0; ) {
                double draw = Math.exp(mu + sigma * gaussian(rng));
                int length = (int) Math.min(left, Math.max(1, Math.min(Integer.MAX_VALUE - 1L, Math.round(draw))));
                le[0] = (byte) length;
                le[1] = (byte) (length >>> 8);
                le[2] = (byte) (length >>> 16);
                le[3] = (byte) (length >>> 24);
                out.write(le);
                left -= length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return new SyntheticLengths(MappedFile.open(file));
    }

    /** Standard normal by Box–Muller (SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Override
    public int documents() {
        return (int) Math.min(Integer.MAX_VALUE, lengths.bytes() / Integer.BYTES);
    }

    @Override
    public int length(int document) {
        return lengths.getInt(document);
    }
}
