package dev.winnow.trainer.data;

import java.util.List;

/**
 * One training step's data for one rank: its micro-batches, and the consumed-sample count before
 * the step (what a checkpoint after the previous step saved) so a restart can resume from
 * {@link #consumedAfter()}.
 */
public record StepBatch(long consumedSamples, int globalBatchSize, List<MicroBatch> microBatches) {
    public long consumedAfter() {
        return consumedSamples + globalBatchSize;
    }
}
