package dev.winnow.jobs.cluster;

import dev.winnow.jobs.testing.StandaloneCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole sample pipeline gives the same documents, rejections and blend bytes on a 2-Worker
 * standalone cluster (through {@code bin/winnow run --master spark://…}, i.e. SparkSubmit and the
 * job jar) as on local[1], local[2], and local[2] with other partition counts (Spark's shuffle and
 * file partitions; ingest's split size).
 */
class ClusterDeterminismIT {
    private static long partFiles(Path run) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(run.resolve("stages/01-ingest"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).count();
        }
    }

    @Test
    void clusterAndLocalRunsAgree() {
        assertTimeoutPreemptively(Duration.ofMinutes(25), () -> {
            SampleRuns.Digest reference = SampleRuns.reference();
            assertTrue(reference.tables().size() >= 14, "stage and rejected folders: " + reference.tables().keySet());
            assertTrue(reference.blendFiles().containsKey("manifest.json"), "blend: " + reference.blendFiles().keySet());

            Path one = SampleRuns.newRunDir("local1");
            assertEquals(0, SampleRuns.runInProcess(one, "local[1]"));
            SampleRuns.Digest.of(one).assertSameAs(reference, "local[1]");

            // Other Spark partitioning: 3 shuffle partitions, at least 5 partitions per file read.
            Path spark = SampleRuns.newRunDir("local2-spark-partitions");
            assertEquals(0, SampleRuns.runInProcess(spark, "local[2]", "spark.conf.\"spark.sql.shuffle.partitions\"=3",
                    "spark.conf.\"spark.sql.files.minPartitionNum\"=5"));
            SampleRuns.Digest.of(spark).assertSameAs(reference, "local[2], other Spark partitions");

            // Other ingest splits: 4 KB (the encyclopedia file becomes ~14 splits, so every document
            // has another input position, dedup's node number). A Winnow setting: the blend manifest's
            // configFingerprint records it, all else is byte for byte the same.
            Path splits = SampleRuns.newRunDir("local2-splits");
            assertEquals(0, SampleRuns.runInProcess(splits, "local[2]", "ingest.split-bytes=4096"));
            assertTrue(partFiles(splits) > partFiles(one) + 5, "ingest split the input: " + partFiles(splits)
                    + " part files, against " + partFiles(one));
            SampleRuns.Digest other = SampleRuns.Digest.of(splits);
            other.assertSameDataOtherSettings(reference, "local[2], 4 KB ingest splits");

            try (StandaloneCluster cluster = StandaloneCluster.start("determinism", 2, "1g")) {
                Path run = SampleRuns.newRunDir("cluster");
                Path log = run.resolveSibling(run.getFileName() + ".log");
                Process p = SampleRuns.startWinnow(run, cluster.masterUrl(), log);
                try {
                    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the cluster run did not end in 15 minutes");
                } finally {
                    SampleRuns.kill(p);
                }
                assertEquals(0, p.exitValue(), SampleRuns.read(log));
                String out = SampleRuns.read(log);
                assertTrue(out.contains("(Spark 4.2.0, " + cluster.masterUrl() + ")"), out);
                assertTrue(out.contains("winnow: done."), out);
                SampleRuns.Digest.of(run).assertSameAs(reference, "2-worker cluster");
            }
        });
    }
}
