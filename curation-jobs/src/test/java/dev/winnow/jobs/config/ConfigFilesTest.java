package dev.winnow.jobs.config;

import dev.winnow.blending.BlendSpec;
import dev.winnow.jobs.stages.BlendStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A config and its blend spec read from a Hadoop file system that is not the local one: a
 * {@code viewfs://} mount table, configured only by {@code spark.hadoop.*} settings as spark-submit
 * passes them, whose mount point exists nowhere on the local disk.
 */
class ConfigFilesTest {
    @TempDir
    Path dir;

    private Map<String, String> mount() {
        return Map.of("spark.hadoop.fs.viewfs.mounttable.t.link./winnow-conf", dir.resolve("conf").toUri().toString(),
                "spark.hadoop.fs.viewfs.impl.disable.cache", "true");
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/run.conf"), "winnow {\n"
                + "  run-dir = \"../run\"\n"
                + "  datasets = [{ name = web, format = jsonl, path = \"data/web.jsonl\" },\n"
                + "              { name = books, format = text, path = \"hdfs://nn/books\" }]\n"
                + "  stages = [ingest, clean, blend]\n"
                + "  blend.spec = \"blend.conf\"\n"
                + "}\n");
        Files.writeString(dir.resolve("conf/blend.conf"), "blend {\n  name = two\n  target-tokens = 1e6\n"
                + "  datasets = [{ name = web, weight = 0.75 }, { name = books, weight = 0.25 }]\n}\n");
    }

    @Test
    void aConfigOnAHadoopFileSystemResolvesItsRelativePathsThere() throws IOException {
        writeConfig();
        WinnowConfig c = WinnowConfig.load("viewfs://t/winnow-conf/run.conf", List.of("clean.min-chars=5"), mount());
        assertEquals(List.of("viewfs://t/winnow-conf/data/web.jsonl"), c.datasets().get(0).paths());
        assertEquals(List.of("hdfs://nn/books"), c.datasets().get(1).paths(), "a URI stays as it is");
        assertEquals("viewfs://t/run", c.runDir());
        assertEquals(5, c.block("clean").getInt("min-chars"));
        assertEquals("viewfs://t/winnow-conf/blend.conf", c.block("blend").getPath("spec"));
        // The blend spec is read there too, with the settings the config was read with.
        BlendSpec spec = BlendStage.spec(c);
        assertEquals("two", spec.name());
        assertEquals(List.of("web", "books"), spec.names());
        assertFalse(Files.exists(Path.of("/winnow-conf")), "nothing read the unmapped local path");
    }

    @Test
    void aRelativePathFromSetResolvesAgainstTheCurrentFolder() throws IOException {
        writeConfig();
        WinnowConfig c = WinnowConfig.load("viewfs://t/winnow-conf/run.conf", List.of("blend.spec=spec.conf"), mount());
        assertEquals(Path.of("spec.conf").toAbsolutePath().toString(), c.block("blend").getPath("spec"));
    }

    @Test
    void missingUnreachableAndOversizedFilesAreConfigErrorsNamingThem() throws IOException {
        writeConfig();
        String missing = assertThrows(ConfigError.class,
                () -> WinnowConfig.load("viewfs://t/winnow-conf/nope.conf", List.of(), mount())).getMessage();
        assertEquals("viewfs://t/winnow-conf/nope.conf does not exist", missing);
        String noMount = assertThrows(ConfigError.class,
                () -> WinnowConfig.load("viewfs://t/winnow-conf/run.conf", List.of(), Map.of())).getMessage();
        assertTrue(noMount.startsWith("cannot read viewfs://t/winnow-conf/run.conf: "), noMount);
        String scheme = assertThrows(ConfigError.class,
                () -> WinnowConfig.load("nosuchfs://x/run.conf", List.of(), Map.of())).getMessage();
        assertTrue(scheme.startsWith("cannot read nosuchfs://x/run.conf: ") && scheme.contains("nosuchfs"), scheme);
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("conf/big.conf").toFile(), "rw")) {
            big.setLength(ConfigFiles.MAX_BYTES + 1);
        }
        String tooBig = assertThrows(ConfigError.class,
                () -> WinnowConfig.load("viewfs://t/winnow-conf/big.conf", List.of(), mount())).getMessage();
        assertTrue(tooBig.startsWith("viewfs://t/winnow-conf/big.conf is " + (ConfigFiles.MAX_BYTES + 1)
                + " bytes: too large for a config file"), tooBig);
        Files.writeString(dir.resolve("conf/bad.conf"), "winnow { clean { min-chars = } }");
        String bad = assertThrows(ConfigError.class,
                () -> WinnowConfig.load("viewfs://t/winnow-conf/bad.conf", List.of(), mount())).getMessage();
        assertTrue(bad.startsWith("cannot parse viewfs://t/winnow-conf/bad.conf: "), bad);
    }

    @Test
    void localFilesAndFileUrisAreReadFromTheDisk() throws IOException {
        writeConfig();
        Path file = dir.resolve("conf/run.conf");
        for (String location : List.of(file.toString(), file.toUri().toString())) {
            WinnowConfig c = WinnowConfig.load(location, List.of(), Map.of());
            assertEquals(List.of(dir.resolve("conf/data/web.jsonl").toString()), c.datasets().get(0).paths(), location);
            assertEquals("two", BlendStage.spec(c).name());
        }
    }

    @Test
    void aBlendSpecNamedByAFileUriIsReadFromTheDisk() throws IOException {
        writeConfig();
        String spec = dir.resolve("conf/blend.conf").toUri().toString();
        WinnowConfig c = WinnowConfig.load(dir.resolve("conf/run.conf").toString(), List.of("blend.spec=\"" + spec + "\""),
                Map.of());
        assertEquals(spec, c.block("blend").getPath("spec"), "a URI stays as it is");
        assertEquals("two", BlendStage.spec(c).name());
        String relative = assertThrows(ConfigError.class,
                () -> BlendStage.spec(WinnowConfig.load(dir.resolve("conf/run.conf").toString(),
                        List.of("blend.spec=\"file:blend.conf\""), Map.of()))).getMessage();
        assertTrue(relative.startsWith("winnow.blend.spec: 'file:blend.conf' is not a file URI with an absolute path"), relative);
    }

    @Test
    void includesResolveOnTheHadoopFileSystemAgainstTheIncludingFile() throws IOException {
        writeConfig();
        Files.createDirectories(dir.resolve("conf/shared"));
        // run.conf's own keys win over what it includes; each file's relative paths resolve against its folder.
        Files.writeString(dir.resolve("conf/layered.conf"), "include \"shared/base.conf\"\n"
                + "include \"no-such-optional.conf\"\n"
                + "winnow { clean.min-chars = 7 }\n");
        Files.writeString(dir.resolve("conf/shared/base.conf"), "include \"../run.conf\"\n"
                + "winnow { clean.min-chars = 3, language.keep = [en, de]\n"
                + "  datasets = [{ name = web, format = jsonl, path = \"web/*.jsonl\" },\n"
                + "              { name = books, format = text, path = \"/books\" }] }\n");
        WinnowConfig c = WinnowConfig.load("viewfs://t/winnow-conf/layered.conf", List.of(), mount());
        assertEquals(7, c.block("clean").getInt("min-chars"));
        assertEquals(List.of("en", "de"), c.block("language").getStringList("keep"));
        assertEquals(List.of("viewfs://t/winnow-conf/shared/web/*.jsonl"), c.datasets().get(0).paths());
        assertEquals("viewfs://t/run", c.runDir(), "run-dir as run.conf, two folders up, resolves it");
        assertEquals("two", BlendStage.spec(c).name(), "blend.spec from run.conf, beside it");

        Files.writeString(dir.resolve("conf/needs.conf"), "include required(\"gone.conf\")\n");
        String required = assertThrows(ConfigError.class,
                () -> WinnowConfig.load("viewfs://t/winnow-conf/needs.conf", List.of(), mount())).getMessage();
        assertEquals("include required(\"gone.conf\") in viewfs://t/winnow-conf/needs.conf: "
                + "viewfs://t/winnow-conf/gone.conf does not exist", required);

        Files.writeString(dir.resolve("conf/loop.conf"), "include \"loop.conf\"\n");
        String loop = assertThrows(ConfigError.class,
                () -> WinnowConfig.load("viewfs://t/winnow-conf/loop.conf", List.of(), mount())).getMessage();
        assertTrue(loop.contains("more than " + HadoopIncluder.MAX_DEPTH + " nested includes"), loop);
    }

    @Test
    void aFileIncludeInAHadoopConfigStillReadsTheLocalFile() throws IOException {
        writeConfig();
        Path local = dir.resolve("local-only.conf");
        Files.writeString(local, "winnow { clean.min-chars = 11 }\n");
        Files.writeString(dir.resolve("conf/with-file.conf"), "include \"run.conf\"\n"
                + "include file(\"" + local + "\")\n");
        WinnowConfig c = WinnowConfig.load("viewfs://t/winnow-conf/with-file.conf", List.of(), mount());
        assertEquals(11, c.block("clean").getInt("min-chars"));
        assertEquals("two", BlendStage.spec(c).name());
    }

    @Test
    void onlyUrisWithAnotherSchemeThanFileGoThroughHadoop() {
        for (String hadoop : List.of("hdfs://nn/c.conf", "s3a://bucket/c.conf", "viewfs://t/c.conf", "HDFS://nn/c")) {
            assertTrue(ConfigFiles.onHadoop(hadoop), hadoop);
        }
        for (String local : List.of("/etc/c.conf", "conf/c.conf", "file:///etc/c.conf", "file:/etc/c.conf", "c.conf")) {
            assertFalse(ConfigFiles.onHadoop(local), local);
        }
    }
}
