package dev.winnow.jobs.cli;

import dev.winnow.jobs.config.WinnowConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session the way every entry point needs it. */
public final class SparkSessions {
    static final String ARTIFACT_ISOLATION = "spark.sql.artifact.isolation.enabled";

    private SparkSessions() {
    }

    /**
     * The master comes from, in order: {@code --master}, spark-submit (the {@code spark.master}
     * system property it sets), {@code winnow.spark.master}.
     */
    public static SparkSession open(WinnowConfig config, String masterOverride) {
        SparkSession.Builder b = SparkSession.builder().appName(config.sparkAppName());
        if (masterOverride != null) {
            b.master(masterOverride);
        } else if (!new SparkConf().contains("spark.master")) {
            b.master(config.sparkMaster());
        }
        // Files shipped with SparkContext.addFile (the quality model) must reach the executors: with
        // Spark 4's per-session artifact isolation a SQL job ships only the session's own artifacts,
        // so on a cluster the executors never fetched the model (local mode shares the driver's
        // folder and hid it). One session per application: isolation buys nothing here.
        b.config(ARTIFACT_ISOLATION, "false");
        config.sparkConf().forEach(b::config);
        return b.getOrCreate();
    }
}
