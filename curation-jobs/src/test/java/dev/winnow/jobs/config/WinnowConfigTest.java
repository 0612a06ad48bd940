package dev.winnow.jobs.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WinnowConfigTest {
    private static final String ONE_DATASET =
            "winnow.datasets = [{ name = web, format = jsonl, path = \"/data/web.jsonl\" }]\n";

    private static WinnowConfig parse(String hocon, String... overrides) {
        return WinnowConfig.parse(hocon, List.of(overrides));
    }

    private static String error(String hocon, String... overrides) {
        return assertThrows(ConfigError.class, () -> parse(hocon, overrides)).getMessage();
    }

    @Test
    void defaultsFillWhatTheFileLeavesOut() {
        WinnowConfig c = parse(ONE_DATASET);
        assertEquals(List.of("ingest", "clean", "language"), c.stages());
        assertEquals(200, c.block("clean").getInt("min-chars"));
        assertEquals(8L << 20, c.block("ingest").getBytes("max-record-bytes"));
        assertTrue(c.keepRejectedText());
        DatasetSpec web = c.datasets().get(0);
        assertEquals("web", web.name());
        assertEquals(SourceFormat.JSONL, web.format());
        assertEquals("text", web.textField());
        assertEquals(0, web.priority());
    }

    @Test
    void unknownKeyIsAnErrorNamingItWithASuggestion() {
        String m = error(ONE_DATASET + "winnow.clean.min-char = 5");
        assertTrue(m.contains("unknown key 'winnow.clean.min-char'"), m);
        assertTrue(m.contains("did you mean 'winnow.clean.min-chars'"), m);
    }

    @Test
    void settingsOutsideTheWinnowBlockAreErrors() {
        String m = error(ONE_DATASET + "winow { run-dir = x }");
        assertTrue(m.contains("'winow.run-dir'"), m);
    }

    @Test
    void wrongTypeNamesTheKey() {
        String m = assertThrows(ConfigError.class,
                () -> parse(ONE_DATASET + "winnow.clean.min-chars = lots").block("clean").getInt("min-chars")).getMessage();
        assertTrue(m.contains("winnow.clean.min-chars"), m);
    }

    @Test
    void overridesWinAndTakeTheKeyWithOrWithoutPrefix() {
        WinnowConfig c = parse(ONE_DATASET, "clean.min-chars=17", "winnow.keep-rejected-text=false",
                "spark.master=local[3]");
        assertEquals(17, c.block("clean").getInt("min-chars"));
        assertFalse(c.keepRejectedText());
        assertEquals("local[3]", c.sparkMaster());
    }

    @Test
    void unknownOverrideKeyIsAnError() {
        String m = error(ONE_DATASET, "clean.min-charz=5");
        assertTrue(m.contains("winnow.clean.min-charz") && m.contains("--set"), m);
        assertTrue(error(ONE_DATASET, "no-equals-sign").contains("expected key=value"));
    }

    @Test
    void sparkConfIsFreeForm() {
        WinnowConfig c = parse(ONE_DATASET + "winnow.spark.conf { \"spark.sql.shuffle.partitions\" = 7 }");
        assertEquals("7", c.sparkConf().get("spark.sql.shuffle.partitions"));
        assertEquals("16", c.sparkConf().get("spark.sql.files.minPartitionNum"), "the default stays");
    }

    @Test
    void datasetErrorsNameTheEntry() {
        assertTrue(error("winnow.datasets = [{ name = a, format = csv, path = x }]").contains("unknown format 'csv'"));
        assertTrue(error("winnow.datasets = [{ name = a, format = jsonl }]").contains("'path' is required"));
        String m = error("winnow.datasets = [{ name = a, format = text, path = x, text-field = body }]");
        assertTrue(m.contains("datasets[0]") && m.contains("text-field") && m.contains("does not apply"), m);
        assertTrue(error("winnow.datasets = [{ name = a, format = jsonl, path = x, colour = red }]")
                .contains("unknown key 'colour'"));
        assertTrue(error("winnow.datasets = [{ name = a, format = jsonl, path = x },"
                + " { name = a, format = text, path = y }]").contains("used twice"));
        assertTrue(error("winnow.datasets = [{ name = \"bad name\", format = jsonl, path = x }]")
                .contains("dataset name 'bad name'"));
        assertTrue(error("winnow.datasets = [{ name = a, format = text, path = x, text-unit = page }]")
                .contains("must be file or line"));
        m = error("winnow.datasets = [{ name = a, format = jsonl, path = x, url-field = \"meta..url\" }]");
        assertTrue(m.contains("datasets[0]") && m.contains("dataset a: url-field: field name 'meta..url': empty name"), m);
        assertEquals("`warc.url`", parse("winnow.datasets = [{ name = a, format = jsonl, path = x,"
                + " url-field = \"`warc.url`\" }]").datasets().get(0).urlField());
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesFolder(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        Path file = conf.resolve("p.conf");
        Files.writeString(file, "winnow { run-dir = \"../runs/x\"\n"
                + " datasets = [{ name = a, format = jsonl, path = [\"data/a.jsonl\", \"hdfs:///abs/b.jsonl\"] }] }");
        WinnowConfig c = WinnowConfig.load(file, List.of());
        assertEquals(dir.resolve("runs/x").toString(), c.runDir());
        assertEquals(List.of(conf.resolve("data/a.jsonl").toString(), "hdfs:///abs/b.jsonl"), c.datasets().get(0).paths());
    }

    @Test
    void missingOrBrokenFileIsAClearError(@TempDir Path dir) throws IOException {
        String m = assertThrows(ConfigError.class, () -> WinnowConfig.load(dir.resolve("nope.conf"), List.of())).getMessage();
        assertTrue(m.contains("nope.conf") && m.contains("does not exist"), m);
        Path broken = dir.resolve("broken.conf");
        Files.writeString(broken, "winnow { run-dir = ");
        assertTrue(assertThrows(ConfigError.class, () -> WinnowConfig.load(broken, List.of())).getMessage()
                .contains("cannot parse"));
    }

    @Test
    void paramValidationIsReportedWithTheBlock() {
        WinnowConfig c = parse(ONE_DATASET + "winnow.clean { min-chars = 10, max-chars = 5 }");
        StageSettings s = c.block("clean");
        String m = assertThrows(ConfigError.class, () -> s.build(() -> {
            throw new IllegalArgumentException("maxChars 5 < minChars 10");
        })).getMessage();
        assertEquals("winnow.clean: maxChars 5 < minChars 10", m);
    }

    @Test
    void renderIsStableForFingerprints() {
        assertEquals(parse(ONE_DATASET + "winnow.clean { max-chars = 9, min-chars = 1 }").render("winnow.clean"),
                parse(ONE_DATASET + "winnow.clean { min-chars = 1, max-chars = 9 }").render("winnow.clean"));
    }

    @Test
    void flattenGivesOneLinePerLeafWithDatasetsKeyedByName() {
        WinnowConfig c = parse(ONE_DATASET + "winnow.datasets += { name = books, format = text, path = \"/data/b\", priority = 2 }\n"
                + "winnow.clean.min-chars = 50\nwinnow.language.datasets = []\n");
        var clean = c.flatten("winnow.clean");
        assertEquals("50", clean.get("clean.min-chars"));
        assertTrue(clean.keySet().stream().allMatch(k -> k.startsWith("clean.")), clean.toString());
        var datasets = c.flatten("winnow.datasets");
        assertEquals("2", datasets.get("datasets[books].priority"));
        assertEquals("\"jsonl\"", datasets.get("datasets[web].format"));
        assertEquals("[]", c.flatten("winnow.language").get("language.datasets"), "an empty list is a leaf");
        assertEquals("null", c.flatten("winnow.no-such-block").get("no-such-block"));
        // A list whose items have no distinct names is keyed by position.
        WinnowConfig twice = parse(ONE_DATASET + "winnow.language.keep = [en, de]\n");
        assertEquals("\"de\"", twice.flatten("winnow.language").get("language.keep[1]"));
    }

    @Test
    void progressIntervalIsADurationAndZeroTurnsItOff() {
        assertEquals(java.time.Duration.ofSeconds(60), parse(ONE_DATASET).progressInterval());
        assertEquals(java.time.Duration.ZERO, parse(ONE_DATASET, "progress-interval=0").progressInterval());
        assertEquals(java.time.Duration.ofMinutes(5), parse(ONE_DATASET, "progress-interval=5m").progressInterval());
        assertTrue(error(ONE_DATASET, "progress-interval=-1s").contains("must be 0 (off) or more"));
        assertTrue(error(ONE_DATASET, "progress-interval=often").contains("progress-interval"));
    }
}
