package dev.winnow.jobs.cli;

import dev.winnow.jobs.config.WinnowConfig;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session the way every entry point needs it. */
public final class SparkSessions {
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
        config.sparkConf().forEach(b::config);
        return b.getOrCreate();
    }
}
