package dev.winnow.jobs.cli;

import dev.winnow.blending.BlendManifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code winnow blend plan}: from a spec's recorded sizes, from a run's manifest, and from a config on Hadoop. */
class BlendCommandTest extends ConsoleCapture {
    private static final String MOUNT = "spark.hadoop.fs.viewfs.mounttable.b.link./plan-conf";
    /** Off, so that the run without the mount table does not reuse the file system made with it. */
    private static final String NO_CACHE = "spark.hadoop.fs.viewfs.impl.disable.cache";

    @TempDir
    Path dir;

    @AfterEach
    void clearMount() {
        System.clearProperty(MOUNT);
        System.clearProperty(NO_CACHE);
    }

    @Test
    void aSpecAloneGivesTheTableFromTheSizesItRecords() {
        assertEquals(0, WinnowCli.execute("blend", "plan", "--config", Path.of("..", "conf", "blend", "mt-nlg.conf").toString()));
        String out = output();
        assertTrue(out.contains("token counts: as recorded in the spec"), out);
        assertTrue(out.contains("books3") && out.contains("openwebtext2"), out);
    }

    /** A config whose blend spec weighs two datasets, and a run folder whose blend manifest counted them. */
    private void writeRun() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/run.conf"), "winnow {\n  run-dir = \"../run\"\n"
                + "  datasets = [{ name = web, format = jsonl, path = \"web.jsonl\" },"
                + " { name = books, format = text, path = \"books\" }]\n"
                + "  stages = [ingest, blend]\n  blend.spec = \"two.conf\"\n}\n");
        Files.writeString(dir.resolve("conf/two.conf"), "blend {\n  name = two\n  target-tokens = 3000\n"
                + "  datasets = [{ name = web, weight = 0.5 }, { name = books, weight = 0.5 }]\n}\n");
        Files.createDirectories(dir.resolve("run/blend"));
        BlendManifest m = new BlendManifest(BlendManifest.FORMAT, "gpt2", 50257, 50256, "two", 3000, "f",
                Map.of("web", new BlendManifest.Dataset(0.5, 0.5, 10, 1000, 1.5, List.of()),
                        "books", new BlendManifest.Dataset(0.5, 0.5, 2, 500, 3.0, List.of())));
        Files.write(dir.resolve("run/blend/manifest.json"), m.toJson());
    }

    @Test
    void aPipelineConfigTakesTheTokenCountsOfItsRun() throws IOException {
        writeRun();
        assertEquals(0, WinnowCli.execute("blend", "plan", "--config", dir.resolve("conf/run.conf").toString()));
        String out = output();
        assertTrue(out.contains("token counts: " + dir.resolve("run/blend/manifest.json").toUri().getPath()), out);
        assertTrue(out.matches("(?s).*web\\s.*1,?000.*"), out);
    }

    @Test
    void aConfigOnAHadoopFileSystemIsReadThereWithSparkSubmitsSettings() throws IOException {
        writeRun();
        // spark-submit passes --conf spark.hadoop.* to the driver as system properties.
        System.setProperty(MOUNT, dir.toUri().toString());
        System.setProperty(NO_CACHE, "true");
        assertEquals(0, WinnowCli.execute("blend", "plan", "--config", "viewfs://b/plan-conf/conf/run.conf"));
        String out = output();
        assertTrue(out.contains("token counts: viewfs://b/plan-conf/run/blend/manifest.json"), out);
        System.clearProperty(MOUNT);
        clearOutput();
        assertEquals(2, WinnowCli.execute("blend", "plan", "--config", "viewfs://b/plan-conf/conf/run.conf"));
        assertTrue(output().contains("cannot read viewfs://b/plan-conf/conf/run.conf"), output());
    }
}
