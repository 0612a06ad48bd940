package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The language stage in local[2]: columns, keep rule, reasons, accounting, config errors. */
class LanguageStageTest {
    @TempDir
    Path dir;

    private static final Map<String, String> TEXTS = Map.of(
            "en", "The committee met on Tuesday to discuss the new budget for the library, and most members agreed "
                    + "that the reading room needs better lighting before the winter begins.",
            "de", "Der Ausschuss hat sich am Dienstag getroffen, um über den neuen Haushalt der Bibliothek zu sprechen, "
                    + "und die meisten Mitglieder waren sich einig, dass der Lesesaal besseres Licht braucht.",
            "fr", "Le comité s'est réuni mardi pour discuter du nouveau budget de la bibliothèque, et la plupart des "
                    + "membres ont convenu que la salle de lecture avait besoin d'un meilleur éclairage.",
            "zh", "委员会星期二开会讨论图书馆的新预算，大多数成员都认为阅览室在冬天到来之前需要更好的照明设备。");

    private String corpus(String languageBlock) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (Map.Entry<String, String> e : TEXTS.entrySet()) {
            for (int i = 0; i < 5; i++) {
                jsonl.append("{\"id\":\"").append(e.getKey()).append(i).append("\",\"text\":\"").append(e.getValue())
                        .append("\"}\n");
            }
        }
        jsonl.append("{\"id\":\"symbols\",\"text\":\"12345 67890 -- ++ ** ## !! ?? 2024-01-01 3.14159\"}\n");
        jsonl.append("{\"id\":\"empty\",\"text\":\"\"}\n");
        Files.writeString(dir.resolve("docs.jsonl"), jsonl);
        return "winnow { run-dir = \"" + dir.resolve("run") + "\"\n"
                + " datasets = [ { name = docs, format = jsonl, path = \"" + dir.resolve("docs.jsonl") + "\" } ]\n"
                + " stages = [ingest, language]\n"
                + languageBlock
                + "}\n";
    }

    private List<StageManifest> run(WinnowConfig config) {
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Pipeline(SparkTestSession.get(), config, StageCatalog::create, progress).run(null, null, progress);
    }

    @Test
    void keepsEnglishAddsLangColumnsAndRejectsTheRestByLanguage() throws IOException {
        SparkSession spark = SparkTestSession.get();
        StageManifest language = run(WinnowConfig.parse(corpus(""), List.of())).get(1);

        assertEquals(22, language.in());
        assertEquals(language.in(), language.kept() + language.rejected());
        assertEquals(5, language.kept());
        assertEquals(Map.of("language:de", 5L, "language:fr", 5L, "language:zh", 5L, "language:undetermined", 2L),
                language.rejectedByReason());

        Dataset<Row> kept = spark.read().parquet(dir.resolve("run/stages/02-language").toString());
        assertTrue(List.of(kept.columns()).containsAll(List.of("lang", "lang_score")), String.join(",", kept.columns()));
        for (Row r : kept.collectAsList()) {
            assertEquals("en", r.getAs("lang"));
            double score = r.getAs("lang_score");
            assertTrue(score >= 0.5 && score <= 1.0, "score " + score);
        }
        Map<String, String> details = spark.read().parquet(dir.resolve("run/rejected/language").toString())
                .collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("reason") + " | " + r.getAs("detail")));
        assertTrue(details.get("docs/de0").startsWith("language:de | detected de ("), details.get("docs/de0"));
        assertTrue(details.get("docs/symbols").startsWith("language:undetermined | no letters"), details.get("docs/symbols"));
        assertTrue(details.get("docs/empty").startsWith("language:undetermined"), details.get("docs/empty"));
    }

    @Test
    void keepListAndMinScoreAreHonoured() throws IOException {
        StageManifest both = run(WinnowConfig.parse(corpus("language { keep = [en, de] }\n"), List.of())).get(1);
        assertEquals(10, both.kept());
        assertEquals(12, both.rejected());

        // Nothing is detected with a confidence above 1: everything is undetermined.
        StageManifest strict = run(WinnowConfig.parse(corpus("language { min-score = 1.0 }\n"),
                List.of("language.keep=[en,de,fr,zh]"))).get(1);
        assertEquals(strict.in(), strict.kept() + strict.rejected());
        strict.rejectedByReason().keySet().forEach(reason -> assertEquals("language:undetermined", reason));
    }

    @Test
    void theKeepRuleAppliesOnlyToTheNamedDatasetsAndTheOthersKeepTheirLanguageColumns() throws IOException {
        // The same 22 documents as two datasets; the rule applies to `docs` only.
        String twoDatasets = corpus("language { datasets = [docs] }\n").replace(
                " datasets = [ { name = docs, format = jsonl, path = \"" + dir.resolve("docs.jsonl") + "\" } ]",
                " datasets = [ { name = docs, format = jsonl, path = \"" + dir.resolve("docs.jsonl") + "\" },"
                        + " { name = code, format = jsonl, path = \"" + dir.resolve("docs.jsonl") + "\" } ]");
        StageManifest language = run(WinnowConfig.parse(twoDatasets, List.of())).get(1);

        assertEquals(44, language.in());
        assertEquals(5 + 22, language.kept());
        assertEquals(Map.of("language:de", 5L, "language:fr", 5L, "language:zh", 5L, "language:undetermined", 2L),
                language.rejectedByReason());
        Map<String, String> kept = SparkTestSession.get().read().parquet(dir.resolve("run/stages/02-language").toString())
                .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("lang")));
        assertEquals("de", kept.get("code/de0"), "a kept document still gets its language");
        assertEquals("zh", kept.get("code/zh0"));
        assertEquals("en", kept.get("docs/en0"));
        assertTrue(!kept.containsKey("docs/de0"), "docs is filtered");
    }

    @Test
    void aFilteredDatasetThatTheRunDoesNotHaveIsAConfigError() throws IOException {
        WinnowConfig config = WinnowConfig.parse(corpus("language { datasets = [doc] }\n"), List.of());
        String m = assertThrows(ConfigError.class, () -> run(config)).getMessage();
        assertTrue(m.contains("winnow.language") && m.contains("'doc' is not a dataset of this run")
                && m.contains("did you mean 'docs'"), m);
    }

    @Test
    void anUnknownLanguageCodeIsAConfigErrorWithASuggestion() throws IOException {
        WinnowConfig config = WinnowConfig.parse(corpus("language { keep = [en, eng] }\n"), List.of());
        String m = assertThrows(ConfigError.class, () -> run(config)).getMessage();
        assertTrue(m.contains("winnow.language") && m.contains("'eng'") && m.contains("'en'"), m);

        WinnowConfig badScore = WinnowConfig.parse(corpus("language { min-score = 1.5 }\n"), List.of());
        String s = assertThrows(ConfigError.class, () -> run(badScore)).getMessage();
        assertTrue(s.contains("min-score must be in [0, 1]"), s);
    }
}
