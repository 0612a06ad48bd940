package dev.winnow.jobs.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterSubmitTest {
    @TempDir
    Path dir;

    @Test
    void theDriverIsSparkSubmitInClientModeWithTheJobJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("winnow-jobs-1.jar"), "");
        SparkRuntime runtime = new SparkRuntime(List.of(Path.of("/m2/spark-core.jar"), Path.of("/m2/scala.jar")), jar);
        List<String> cmd = ClusterSubmit.command(runtime, "spark://127.0.0.1:7077",
                List.of("run", "--config", "/c/local.conf"), Map.of(ClusterSubmit.DRIVER_OPTS_ENV, "-Xmx1g -Dx=y"));
        String line = String.join(" ", cmd);
        assertTrue(line.contains(" -Xmx1g -Dx=y "), line);
        assertTrue(line.contains(" -cp /m2/spark-core.jar:/m2/scala.jar org.apache.spark.deploy.SparkSubmit "), line);
        assertTrue(line.contains(" --master spark://127.0.0.1:7077 --deploy-mode client --class dev.winnow.jobs.cli.WinnowCli "), line);
        assertTrue(cmd.contains("spark.executor.extraJavaOptions=" + String.join(" ", SparkRuntime.JAVA17_FLAGS)), line);
        assertTrue(cmd.containsAll(SparkRuntime.JAVA17_FLAGS), "the driver JVM has the module flags too");
        assertTrue(line.endsWith(jar + " run --config /c/local.conf"), line);
        assertTrue(ClusterSubmit.needsSubmit("spark://h:7077"));
        assertFalse(ClusterSubmit.needsSubmit("local[2]"));
        assertFalse(ClusterSubmit.needsSubmit(null));
    }

    @Test
    void aMissingBuildIsNamed() {
        ClusterError e = assertThrows(ClusterError.class, () -> SparkRuntime.fromBuild(dir));
        assertTrue(e.getMessage().contains("spark-classpath.txt"), e.getMessage());
        assertThrows(ClusterError.class, () -> new SparkRuntime(List.of(), null).jobJar());
    }

    @Test
    void aFolderWithoutAClusterHasNoStatusAndStopsQuietly() throws Exception {
        LocalCluster cluster = new LocalCluster(dir.resolve("c"), new SparkRuntime(List.of(), null));
        assertTrue(cluster.status().isEmpty());
        assertTrue(cluster.masterUrl().isEmpty());
        assertFalse(cluster.stop());
        // A PID file of a process that is not this cluster's (this JVM) is not trusted, and not killed.
        Files.createDirectories(dir.resolve("c"));
        Files.writeString(dir.resolve("c/master.pid"), Long.toString(ProcessHandle.current().pid()));
        assertTrue(cluster.status().isEmpty());
        assertFalse(cluster.stop());
        assertFalse(Files.exists(dir.resolve("c/master.pid")));
    }

    @Test
    void optionsAreChecked() {
        assertThrows(ClusterError.class, () -> new LocalCluster.Options(0, 1, "1g", 0, 0, 0, Duration.ofSeconds(1)));
        assertThrows(ClusterError.class, () -> new LocalCluster.Options(1, 1, "lots", 0, 0, 0, Duration.ofSeconds(1)));
        assertEquals(2, LocalCluster.Options.defaults().workers());
        assertEquals(7077, LocalCluster.Options.defaults().port());
    }
}
