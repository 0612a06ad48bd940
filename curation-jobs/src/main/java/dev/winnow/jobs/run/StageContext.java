package dev.winnow.jobs.run;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a stage gets to work with: Spark, the configuration, the run folders, its position in
 * the pipeline and the committed stage before it (null for the first stage).
 */
public record StageContext(SparkSession spark, WinnowConfig config, RunLayout layout, int index,
                           StageManifest upstreamManifest) {

    /** The committed stage before this one. */
    public StageManifest upstream() {
        if (upstreamManifest == null) {
            throw new ConfigError("stage " + index + " has no stage before it to read from; "
                    + "put it after ingest in winnow.stages");
        }
        return upstreamManifest;
    }

    /**
     * The documents the previous stage kept. The part files are named explicitly, in name order:
     * Spark packs files into tasks by size and breaks ties by listing order, which for a folder is
     * the file system's (random) order, so reading the folder would make the output depend on it.
     */
    public Dataset<Row> input() {
        StageManifest up = upstream();
        return spark.read().parquet(layout.partFiles(layout.stageDir(up.index(), up.stage())).toArray(new String[0]));
    }
}
