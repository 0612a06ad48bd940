package dev.winnow.jobs.testing;

import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for the whole test JVM (a session costs seconds to start). */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (session == null || session.sparkContext().isStopped()) {
            session = create("local[2]");
        }
        return session;
    }

    /** A session with another master; stops the shared one first (one SparkContext per JVM). */
    public static synchronized SparkSession restart(String master) {
        if (session != null) {
            session.stop();
        }
        session = create(master);
        return session;
    }

    private static SparkSession create(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("winnow-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.files.minPartitionNum", "16")
                .config("spark.sql.adaptive.coalescePartitions.parallelismFirst", "false")
                .getOrCreate();
    }
}
