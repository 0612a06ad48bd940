package dev.winnow.jobs.run;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same input and config give the same rows in the same files and order, on one core or three. */
class DeterminismTest {
    @TempDir
    Path dir;

    private static final List<String> DEDUP_OUTPUTS = List.of("stages/04-exact-dedup", "stages/05-fuzzy-dedup",
            "rejected/exact-dedup", "rejected/fuzzy-dedup", "clusters/exact-dedup", "clusters/fuzzy-dedup",
            "stages/06-decontaminate", "rejected/decontaminate", "contamination/decontaminate",
            "frequent-ngrams/decontaminate", "stages/07-blend", "rejected/blend");

    @AfterAll
    static void backToTheSharedSession() {
        SparkTestSession.restart("local[2]");
    }

    /** Every row of every part file, files in name order (= partition order). */
    static List<String> rows(SparkSession spark, Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                out.add("# " + f.getFileName().toString().substring(0, 10));
                for (Row r : spark.read().parquet(f.toString()).collectAsList()) {
                    out.add(r.toString());
                }
            }
        }
        return out;
    }

    private static void assertSameRows(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "first difference at row " + i);
        }
        assertEquals(expected.size(), actual.size(), "row count");
    }

    @Test
    void outputDoesNotDependOnTheNumberOfCores() throws IOException {
        PipelineTest corpus = new PipelineTest();
        corpus.dir = dir;
        String text = corpus.corpus();
        for (int i = 0; i < 30; i++) {
            Files.writeString(dir.resolve("books/extra-" + i + ".txt"), PipelineTest.prose(1000 + i));
        }

        // The prose entries differ by a number: fuzzy dedup groups them (shuffles, components).
        // Their last sentence is a task text: decontaminate cuts it from every entry (frequency rule
        // off; a short context and commas as sentence ends, so a piece of each entry stays).
        Files.writeString(dir.resolve("tasks.txt"), "Visitors walk along the quay and watch the boats being "
                + "unloaded before the cafes open.\n");
        String stages = "stages=[ingest, clean, language, exact-dedup, fuzzy-dedup, decontaminate, blend]";
        // Fuzzy dedup keeps the news copies (priority 2) of the prose: the blend weighs news only, the
        // rest is dropped as unweighted. Small shards, so there are several.
        Files.writeString(dir.resolve("blend.conf"), "blend { target-tokens = 1e5, unweighted = drop, datasets = "
                + "[{ name = news, weight = 1.0 }] }");
        String blendSpec = "blend.spec=\"" + dir.resolve("blend.conf") + "\"";
        String smallShards = "blend.shard-tokens=300";
        String tasks = "decontaminate.tasks=[{ name = quay, format = text, path = \"" + dir.resolve("tasks.txt") + "\" }]";
        String everyMatch = "decontaminate={ frequent-documents = 0, context-chars = 20, min-piece-chars = 50, sentence-ends = \".,!?\" }";
        SparkSession one = SparkTestSession.restart("local[1]");
        PipelineTest.run(one, WinnowConfig.parse(text, List.of("run-dir=\"" + dir.resolve("r1") + "\"", stages, tasks, everyMatch, blendSpec, smallShards)),
                new ByteArrayOutputStream());
        List<String> ingest1 = rows(one, dir.resolve("r1/stages/01-ingest"));
        List<String> clean1 = rows(one, dir.resolve("r1/stages/02-clean"));
        List<String> language1 = rows(one, dir.resolve("r1/stages/03-language"));
        List<String> dedup1 = new ArrayList<>();
        for (String folder : DEDUP_OUTPUTS) {
            dedup1.addAll(rows(one, dir.resolve("r1/" + folder)));
        }

        SparkSession three = SparkTestSession.restart("local[3]");
        PipelineTest.run(three, WinnowConfig.parse(text, List.of("run-dir=\"" + dir.resolve("r3") + "\"", stages, tasks, everyMatch, blendSpec, smallShards)),
                new ByteArrayOutputStream());
        assertTrue(clean1.size() > 70, "rows " + clean1.size());
        assertSameRows(ingest1, rows(three, dir.resolve("r3/stages/01-ingest")));
        assertSameRows(clean1, rows(three, dir.resolve("r3/stages/02-clean")));
        assertSameRows(language1, rows(three, dir.resolve("r3/stages/03-language")));
        List<String> dedup3 = new ArrayList<>();
        for (String folder : DEDUP_OUTPUTS) {
            dedup3.addAll(rows(three, dir.resolve("r3/" + folder)));
        }
        assertTrue(rows(three, dir.resolve("r1/rejected/fuzzy-dedup")).size() > 20, "fuzzy dedup found too little");
        assertTrue(rows(three, dir.resolve("r1/contamination/decontaminate")).stream().filter(r -> !r.startsWith("# "))
                .count() >= 1, "decontaminate cut nothing");
        assertSameRows(dedup1, dedup3);
        // The blend: byte-identical shards and manifest.
        List<Path> shards;
        try (Stream<Path> files = Files.walk(dir.resolve("r1/blend"))) {
            shards = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(shards.size() > 3, "blend files " + shards);
        for (Path f : shards) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(dir.resolve("r3").resolve(dir.resolve("r1").relativize(f))),
                    f.toString());
        }
    }
}
