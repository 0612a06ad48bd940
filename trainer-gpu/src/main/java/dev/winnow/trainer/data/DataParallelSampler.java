package dev.winnow.trainer.data;

/**
 * Which blended samples one data-parallel rank reads at each step, from the count of samples all
 * ranks consumed before it (Megatron's {@code MegatronPretrainingSampler}): a global batch of
 * {@code B} samples starting at {@code consumed} is cut into rounds of {@code microBatch × ranks}
 * consecutive samples, and rank {@code r} takes the {@code r}-th slice of each round. The union
 * over ranks is the one-rank sequence, and a run restarted at {@code consumed} resumes exactly.
 */
public record DataParallelSampler(BatchSchedule schedule, int microBatch, int rank, int ranks, long totalSamples) {
    public DataParallelSampler {
        if (microBatch <= 0 || ranks <= 0 || rank < 0 || rank >= ranks) {
            throw new IllegalArgumentException("micro-batch " + microBatch + ", rank " + rank + " of " + ranks);
        }
        int round = microBatch * ranks;
        if (schedule.start() % round != 0 || schedule.increment() % round != 0 || schedule.global() % round != 0) {
            throw new IllegalArgumentException("batch sizes " + schedule + " must be multiples of micro-batch × ranks = "
                    + round);
        }
    }

    /** One step: the global batch it belongs to and this rank's micro-batches of sample ids. */
    public record Step(long consumedSamples, int globalBatchSize, long[][] microBatches) {
        public long consumedAfter() {
            return consumedSamples + globalBatchSize;
        }
    }

    /** The step that starts after {@code consumed} samples, or null when a whole global batch no longer fits. */
    public Step step(long consumed) {
        int global = schedule.globalBatchSize(consumed);
        if (consumed + global > totalSamples) {
            return null;
        }
        int round = microBatch * ranks;
        long[][] micro = new long[global / round][microBatch];
        for (int m = 0; m < micro.length; m++) {
            long first = consumed + (long) m * round + (long) rank * microBatch;
            for (int b = 0; b < microBatch; b++) {
                micro[m][b] = first + b;
            }
        }
        return new Step(consumed, global, micro);
    }
}
