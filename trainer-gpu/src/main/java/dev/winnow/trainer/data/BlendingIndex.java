package dev.winnow.trainer.data;

import java.nio.file.Path;

/**
 * Which dataset each blended sample comes from and which of that dataset's samples it is
 * ({@code helpers.cpp build_blending_indices}): sample {@code i} goes to the dataset furthest behind
 * its share, the largest {@code weight × max(i, 1) − drawn} (first dataset on ties), so after any
 * prefix every dataset is within one sample of its weight, and the order is deterministic.
 */
public final class BlendingIndex {
    static final String DATASET = "blend-dataset.u8";
    static final String SAMPLE = "blend-sample.i32";
    /** Megatron asks each dataset for 0.5% more samples than its share, so rounding never runs it dry. */
    static final double OVERSAMPLING = 1.005;

    private final MappedFile dataset;
    private final MappedFile sample;

    private BlendingIndex(MappedFile dataset, MappedFile sample) {
        this.dataset = dataset;
        this.sample = sample;
    }

    static BlendingIndex open(Path dir) {
        return new BlendingIndex(MappedFile.open(dir.resolve(DATASET)), MappedFile.open(dir.resolve(SAMPLE)));
    }

    /** Samples to ask of a dataset of this weight: {@code ceil(ceil(samples × weight) × 1.005)}. */
    static long samplesFor(double weight, long samples) {
        return (long) Math.ceil(Math.ceil(samples * weight) * OVERSAMPLING);
    }

    static void build(double[] weights, long samples, Path dir) {
        if (weights.length > 255) {
            throw new IllegalArgumentException(weights.length + " datasets; the blending index holds at most 255");
        }
        MappedFile dataset = MappedFile.create(dir.resolve(DATASET), samples);
        MappedFile sample = MappedFile.create(dir.resolve(SAMPLE), samples * Integer.BYTES);
        long[] drawn = new long[weights.length];
        for (long i = 0; i < samples; i++) {
            double at = Math.max(i, 1.0);
            int best = -1;
            double bestError = Double.NEGATIVE_INFINITY;
            for (int d = 0; d < weights.length; d++) {
                double error = weights[d] * at - drawn[d];
                // A weight-0 dataset (dropped by an epoch cap) is never drawn: Megatron's rule alone
                // would pick it on an all-zero tie, and it has no index.
                if (weights[d] > 0 && error > bestError) {
                    best = d;
                    bestError = error;
                }
            }
            dataset.putByte(i, (byte) best);
            sample.putInt(i, (int) drawn[best]++);
        }
        dataset.force();
        sample.force();
    }

    public int dataset(long i) {
        return dataset.getByte(i) & 0xff;
    }

    public int datasetSample(long i) {
        return sample.getInt(i);
    }

    long bytes() {
        return dataset.bytes() + sample.bytes();
    }
}
