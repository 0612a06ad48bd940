package dev.winnow.trainer.data;

/**
 * Global batch size as a function of samples consumed: Megatron's {@code --rampup-batch-size start
 * increment samples}. The batch grows from {@code start} by {@code increment} in equal steps of
 * consumed samples until {@code global} is reached after {@code rampupSamples}. A function of the
 * consumed-sample count alone, so a resumed run picks up the same size.
 */
public record BatchSchedule(int start, int increment, long rampupSamples, int global) {
    public BatchSchedule {
        if (start <= 0 || global < start || increment <= 0 && global != start || rampupSamples < 0
                || increment > 0 && (global - start) % increment != 0) {
            throw new IllegalArgumentException("batch ramp-up " + start + " → " + global + " by " + increment
                    + " over " + rampupSamples + " samples: need 0 < start ≤ global, global − start a multiple of the increment");
        }
    }

    public static BatchSchedule constant(int global) {
        return new BatchSchedule(global, 0, 0, global);
    }

    /** MT-NLG 530B (§3): 32 → 1920 by 32 over the first 12B tokens. */
    public static BatchSchedule mtNlg(int seqLen) {
        return new BatchSchedule(32, 32, Math.round(12e9 / seqLen), 1920);
    }

    public int globalBatchSize(long consumedSamples) {
        if (global == start || consumedSamples >= rampupSamples) {
            return global;
        }
        long increments = (global - start) / increment;
        double samplesPerIncrement = (double) rampupSamples / increments;
        long steps = (long) (consumedSamples / samplesPerIncrement);
        return (int) Math.min(global, start + steps * increment);
    }
}
