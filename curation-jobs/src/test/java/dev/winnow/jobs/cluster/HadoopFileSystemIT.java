package dev.winnow.jobs.cluster;

import dev.winnow.jobs.cli.WinnowCli;
import dev.winnow.jobs.run.StageManifest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample pipeline with every input and output, and the blend spec, behind a Hadoop file system that is not the
 * local one, as on a cluster with {@code hdfs://} or {@code s3a://}: a {@code viewfs://} mount table
 * (part of Hadoop, configured only through {@code spark.hadoop.*} settings, as a user passes S3
 * credentials) whose paths map to folders with other names, and with Hadoop's file system cache
 * off for it. A stage that wrote or read a run path with java.io, or with a Hadoop configuration
 * other than Spark's, would fail or leave files at the unmapped path; here it must give the local
 * run's documents, rejections and blend shards, and a second run must find every stage up to date.
 */
class HadoopFileSystemIT {
    @Test
    void theSampleRunsOnAViewFsMount() {
        assertTimeoutPreemptively(Duration.ofMinutes(15), () -> {
            SampleRuns.Digest reference = SampleRuns.reference();
            Path root = SampleRuns.newRunDir("viewfs");
            // Mount points named after the temp folder: no such path exists outside the mount table.
            String mount = "/" + root.getFileName() + "-mount";
            Path runTarget = Files.createDirectories(root.resolve("run"));
            Path conf = root.resolve("viewfs.conf");
            Files.writeString(conf, viewFsConfig(mount, runTarget), StandardCharsets.UTF_8);

            assertEquals(0, run(conf), "the run on viewfs failed");
            assertFalse(Files.exists(Path.of(mount)), "something wrote the unmapped local path " + mount);
            assertTrue(Files.isRegularFile(runTarget.resolve("report/index.html")), "no report in " + runTarget);
            assertTrue(Files.isRegularFile(runTarget.resolve("blend/manifest.json")), "no blend manifest");
            // Dataset and task paths differ from the local run's, so the settings' fingerprint may.
            SampleRuns.Digest.of(runTarget).assertSameDataOtherSettings(reference, "the sample on viewfs://");

            Map<String, FileTime> manifests = stageManifests(runTarget);
            assertEquals(8, manifests.size(), "stage manifests: " + manifests.keySet());
            assertEquals(0, run(conf), "the second run on viewfs failed");
            assertEquals(manifests, stageManifests(runTarget), "a stage ran again instead of being skipped");
        });
    }

    /**
     * conf/local.conf with its sample paths on {@code viewfs://winnow<mount>/sample}, its blend spec
     * on {@code viewfs://winnow<mount>/blend}, the run folder on {@code viewfs://winnow<mount>/run},
     * and the mount table in Spark's Hadoop settings.
     */
    private static String viewFsConfig(String mount, Path runTarget) throws IOException {
        String local = Files.readString(SampleRuns.conf(), StandardCharsets.UTF_8);
        String fs = "viewfs://winnow" + mount;
        String viewFs = local.replace("path = \"sample/", "path = \"" + fs + "/sample/")
                .replace("run-dir = \"../runs/sample\"", "run-dir = \"" + fs + "/run\"")
                .replace("spec = \"blend/", "spec = \"" + fs + "/blend/");
        assertEquals(6, count(viewFs, fs + "/sample/"), "conf/local.conf's dataset and task paths changed:\n" + viewFs);
        assertTrue(viewFs.contains(fs + "/run") && viewFs.contains(fs + "/blend/"), viewFs);
        String table = "\"spark.hadoop.fs.viewfs.mounttable.winnow.link." + mount;
        // No cached file system objects: one made from a Hadoop configuration without Spark's
        // settings (new Configuration()) must not borrow the mount table from one made with them.
        return viewFs + "\nwinnow.spark.conf {\n"
                + "  \"spark.hadoop.fs.viewfs.impl.disable.cache\" = true\n"
                + "  " + table + "/sample\" = \"" + SampleRuns.REPO.resolve("conf/sample").toUri() + "\"\n"
                + "  " + table + "/blend\" = \"" + SampleRuns.REPO.resolve("conf/blend").toUri() + "\"\n"
                + "  " + table + "/run\" = \"" + runTarget.toUri() + "\"\n}\n";
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static int run(Path conf) {
        SampleRuns.stopSparkInThisJvm();
        return WinnowCli.execute("run", "--config", conf.toString(), "--master", "local[2]");
    }

    /** Each stage's manifest and when it was written. */
    private static Map<String, FileTime> stageManifests(Path run) throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.walk(run.resolve("stages"), 2)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals(StageManifest.FILE_NAME)).toList()) {
                times.put(run.relativize(f).toString(), Files.getLastModifiedTime(f));
            }
        }
        return times;
    }
}
