package dev.winnow.jobs.bench;

import dev.winnow.dedup.Jaccard;
import dev.winnow.dedup.PairMetrics;
import dev.winnow.dedup.ShingleUnit;
import dev.winnow.dedup.Shingler;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import dev.winnow.jobs.docs.LazyRows;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.Arrays;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.apache.spark.sql.functions.col;

/**
 * The baseline fuzzy deduplication every Spark user has at hand: MLlib's
 * {@link MinHashLSH} self-join. Documents are the same word 5-gram sets as Winnow's
 * ({@link Shingler}), each shingle hash taken to an index in [0, 2^20) (a binary vector, like
 * {@code HashingTF} with 2^20 features); documents without shingles are dropped and counted.
 * {@code approxSimilarityJoin(df, df, 1 − threshold)} (kept: distance strictly below; ties at the
 * threshold kept too, see {@link #joinDistance}) with 5 hash tables and a fixed seed, pairs
 * kept once (id1 &lt; id2).
 *
 * <p>It runs under a time limit: the Spark jobs carry a job group that is cancelled when the limit
 * passes, and the result then says it did not finish instead of hanging.
 */
public final class MllibMinHashBaseline {
    /** Bits of the feature index: 2^20 features. */
    public static final int FEATURE_BITS = 20;

    /**
     * @param numHashTables MinHashLSH hash tables (OR-amplification; each table is one MinHash)
     * @param seed          MinHashLSH seed
     * @param threshold     Jaccard similarity from which a pair is a duplicate (join distance 1 − threshold)
     * @param partitions    partitions of the document vectors (the input is repartitioned to this many)
     * @param timeoutSeconds limit on the whole run
     */
    public record Settings(int numHashTables, long seed, double threshold, int partitions, long timeoutSeconds) {
        public static Settings defaults(long timeoutSeconds) {
            return new Settings(5, 42, 0.8, 16, timeoutSeconds);
        }
    }

    /**
     * What a run gave. {@code pairs} is a pair set over {@code ids}' indices (null when it did not
     * finish); times in seconds.
     */
    public record Result(boolean finished, String message, long docs, long droppedDocs, long[] pairs,
                         double vectorSeconds, double joinSeconds, double totalSeconds) {
    }

    private MllibMinHashBaseline() {
    }

    /**
     * Runs the baseline on the JSONL(.gz) documents at {@code path} (fields {@code id}, {@code text}).
     * Predicted pairs are indexed through {@code ids} (unknown ids get new indices).
     */
    public static Result run(SparkSession spark, String path, Settings settings, PairMetrics.Ids ids) {
        SparkContext sc = spark.sparkContext();
        String group = "winnow-mllib-minhash-" + UUID.randomUUID();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mllib-minhash-baseline");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        Future<Result> future = executor.submit(() -> {
            sc.setJobGroup(group, "MLlib MinHashLSH baseline", true);
            try {
                return body(spark, path, settings, ids, t0);
            } finally {
                sc.clearJobGroup();
            }
        });
        try {
            return future.get(settings.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            String progress = progress(sc, group);
            sc.cancelJobGroup(group);
            future.cancel(true);
            double secs = (System.nanoTime() - t0) / 1e9;
            awaitJobsEnd(sc, group, 60);
            return new Result(false, "did not finish in " + settings.timeoutSeconds() + " s; " + progress, -1, -1,
                    null, Double.NaN, Double.NaN, secs);
        } catch (ExecutionException e) {
            throw new IllegalStateException("MLlib MinHashLSH baseline failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            sc.cancelJobGroup(group);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            executor.shutdownNow();
            try {
                // Give cancelled jobs a moment to wind down before the caller reuses the session.
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The distance MLlib's join keeps pairs strictly below: just above 1 − t, so that a pair of
     * similarity exactly t (distance computed as 1 − t) is kept, as J ≥ t asks. For t = 0.8 this
     * does what passing 0.2 does; passing the double 1 − 0.8 would drop every tie.
     */
    static double joinDistance(double threshold) {
        return Math.nextUp(1 - threshold);
    }

    /** Where the group's jobs were: finished jobs, and the running stages with their task counts. */
    static String progress(SparkContext sc, String group) {
        JavaSparkStatusTracker st = JavaSparkContext.fromSparkContext(sc).statusTracker();
        int done = 0;
        StringBuilder running = new StringBuilder();
        for (int job : st.getJobIdsForGroup(group)) {
            SparkJobInfo info = st.getJobInfo(job);
            if (info == null) {
                continue;
            }
            if (info.status() == JobExecutionStatus.SUCCEEDED) {
                done++;
            } else if (info.status() == JobExecutionStatus.RUNNING) {
                for (int stage : info.stageIds()) {
                    SparkStageInfo si = st.getStageInfo(stage);
                    if (si != null && si.numActiveTasks() + si.numCompletedTasks() > 0
                            && si.numCompletedTasks() < si.numTasks()) {
                        running.append(String.format(java.util.Locale.ROOT, " job %d stage %d '%s' %d/%d tasks done;",
                                job, stage, si.name(), si.numCompletedTasks(), si.numTasks()));
                    }
                }
            }
        }
        return done + " jobs had finished; running:" + (running.length() == 0 ? " none" : running.toString());
    }

    /** Waits (up to a limit) until the cancelled jobs have stopped, so the session can be stopped cleanly. */
    private static void awaitJobsEnd(SparkContext sc, String group, int seconds) {
        JavaSparkStatusTracker st = JavaSparkContext.fromSparkContext(sc).statusTracker();
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            boolean active = false;
            for (int job : st.getJobIdsForGroup(group)) {
                SparkJobInfo info = st.getJobInfo(job);
                active |= info != null && info.status() == JobExecutionStatus.RUNNING;
            }
            if (!active && st.getActiveStageIds().length == 0) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Result body(SparkSession spark, String path, Settings settings, PairMetrics.Ids ids, long t0) {
        Dataset<Row> raw = spark.read().schema("id STRING, text STRING").json(path)
                .filter(col("id").isNotNull().and(col("text").isNotNull()));
        StructType schema = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("features", SQLDataTypes.VectorType(), true);
        JavaRDD<Row> rows = raw.repartition(settings.partitions()).javaRDD()
                .mapPartitions(MllibMinHashBaseline::vectors);
        Dataset<Row> vectors = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long all = vectors.count();
            Dataset<Row> valid = vectors.filter(col("features").isNotNull());
            long docs = valid.count();
            long t1 = System.nanoTime();

            MinHashLSHModel model = new MinHashLSH().setNumHashTables(settings.numHashTables())
                    .setSeed(settings.seed()).setInputCol("features").setOutputCol("hashes").fit(valid);
            Dataset<Row> joined = model.approxSimilarityJoin(valid, valid, joinDistance(settings.threshold()), "distance")
                    .select(col("datasetA.id").as("a"), col("datasetB.id").as("b"))
                    .filter(col("a").lt(col("b")));
            long[] keys = new long[1024];
            int n = 0;
            Iterator<Row> it = joined.toLocalIterator();
            while (it.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("cancelled");
                }
                Row r = it.next();
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                }
                keys[n++] = ids.key(r.getString(0), r.getString(1));
            }
            long t2 = System.nanoTime();
            return new Result(true, "finished", docs, all - docs, PairMetrics.pairSet(keys, n), (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t2 - t0) / 1e9);
        } finally {
            vectors.unpersist(false);
        }
    }

    /** (id, binary vector of the shingles' feature indices, or null when the text has no shingles). */
    private static Iterator<Row> vectors(Iterator<Row> docs) {
        Shingler shingler = new Shingler(ShingleUnit.WORD, 5);
        return LazyRows.map(docs, d -> RowFactory.create(d.getString(0), vector(shingler.shingles(d.getString(1)))));
    }

    /** The binary 2^20-feature vector of a shingle set: index = top 20 bits of each hash; null for no shingles. */
    static Vector vector(long[] shingles) {
        if (shingles.length == 0) {
            return null;
        }
        int[] idx = features(shingles);
        double[] ones = new double[idx.length];
        Arrays.fill(ones, 1.0);
        return Vectors.sparse(1 << FEATURE_BITS, idx, ones);
    }

    /** The sorted distinct feature indices of a shingle set (top 20 bits of each hash). */
    static int[] features(long[] shingles) {
        int[] idx = new int[shingles.length];
        for (int i = 0; i < shingles.length; i++) {
            idx[i] = (int) (shingles[i] >>> (64 - FEATURE_BITS));
        }
        Arrays.sort(idx);
        int n = 0;
        for (int i = 0; i < idx.length; i++) {
            if (n == 0 || idx[i] != idx[n - 1]) {
                idx[n++] = idx[i];
            }
        }
        return Arrays.copyOf(idx, n);
    }

    /** The Jaccard similarity MLlib sees: of the feature index sets. */
    static double featureJaccard(long[] a, long[] b) {
        return Jaccard.of(Arrays.stream(features(a)).asLongStream().toArray(),
                Arrays.stream(features(b)).asLongStream().toArray());
    }
}
