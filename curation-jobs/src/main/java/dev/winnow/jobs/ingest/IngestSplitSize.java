package dev.winnow.jobs.ingest;

import java.util.List;

/**
 * How long ingest cuts uncompressed line files: Spark's own rule for file sources
 * ({@code FilePartition.maxSplitBytes}), with {@code split-bytes} in the place of
 * {@code spark.sql.files.maxPartitionBytes}: {@code min(split-bytes, max(openCost, bytes / minPartitions))},
 * where every file counts {@code openCost} more than its length.
 *
 * <p>Why: ingest makes one partition, and so one part file, per split, and every later stage
 * reads those files; a part file under a Parquet row group cannot be split again. Cut at
 * {@code split-bytes} alone, a 100 MB JSONL file was one split, and the whole pipeline then ran
 * on one core of however many. {@code minPartitions} is {@code spark.sql.files.minPartitionNum},
 * which the defaults fix (16) rather than take from the core count, so the splits, like the rest
 * of the output, are the same on any cluster.
 */
public final class IngestSplitSize {
    private IngestSplitSize() {
    }

    /**
     * @param splitBytes    the largest split ({@code ingest.split-bytes})
     * @param lengths       the byte lengths of every listed file, splittable or not
     * @param openCost      {@code spark.sql.files.openCostInBytes}: also the smallest split
     * @param minPartitions {@code spark.sql.files.minPartitionNum} (or Spark's default parallelism)
     */
    public static long of(long splitBytes, List<Long> lengths, long openCost, int minPartitions) {
        if (splitBytes < 1 || openCost < 0 || minPartitions < 1) {
            throw new IllegalArgumentException("split-bytes " + splitBytes + ", open cost " + openCost
                    + ", min partitions " + minPartitions + ": split-bytes and min partitions must be positive");
        }
        long total = 0;
        for (long length : lengths) {
            total = saturatedAdd(total, saturatedAdd(length, openCost));
        }
        // Never under split-bytes' own lower bound, whatever the open cost is set to.
        return Math.min(splitBytes, Math.max(Math.max(openCost, MIN_BYTES), total / minPartitions));
    }

    /** The smallest split-bytes {@link IngestLimits} accepts. */
    static final long MIN_BYTES = 1024;

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
