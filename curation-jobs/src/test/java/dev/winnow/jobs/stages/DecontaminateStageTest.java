package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decontaminate stage in local[2] on documents and task sets written here. */
class DecontaminateStageTest {
    @TempDir
    Path dir;

    private static final String[] WORDS = ("river stone field house market bridge window garden winter summer "
            + "letter morning evening harbour village road train station bakery lantern orchard meadow").split(" ");

    /** Sentences of 12 words from a small vocabulary that no task uses. */
    private static String prose(Random random, int sentences) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < sentences; k++) {
            for (int i = 0; i < 12; i++) {
                s.append(i == 0 ? (k == 0 ? "" : " ") : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            s.append('.');
        }
        return s.toString();
    }

    /** One sentence of 40 words (over 200 characters): the context around a match ends inside it. */
    private static String longSentence(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.append('.').toString();
    }

    /** A task text of {@code n} words no prose uses. */
    private static String taskText(String task, int example, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(task).append(example).append('w').append(i);
        }
        return s.toString();
    }

    private record Doc(String id, String text) {
    }

    private String config(List<Doc> docs, String extra) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (Doc d : docs) {
            jsonl.append("{\"id\":\"").append(d.id).append("\",\"text\":\"").append(d.text).append("\"}\n");
        }
        Path f = dir.resolve("web.jsonl");
        Files.writeString(f, jsonl);
        return "winnow { run-dir = \"" + dir.resolve("run") + "\"\n datasets = [{ name = web, format = jsonl, path = \""
                + f + "\" }]\n stages = [ingest, decontaminate]\n" + extra + "}\n";
    }

    private static List<StageManifest> run(String config) {
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Pipeline(SparkTestSession.get(), WinnowConfig.parse(config, List.of()), StageCatalog::create, progress)
                .run(null, null, progress);
    }

    private Map<String, Row> table(String path) {
        Map<String, Row> out = new TreeMap<>();
        for (Row r : SparkTestSession.get().read().parquet(dir.resolve("run/" + path).toString()).collectAsList()) {
            out.put(r.getAs("id"), r);
        }
        return out;
    }

    @Test
    void cutsTaskTextAndAccountsForEveryDocument() throws IOException {
        Random random = new Random(3);
        String quiz = taskText("quiz", 1, 20);
        String shortQuiz = taskText("quiz", 2, 10);
        String famous = taskText("saying", 1, 13);
        // quiz: JSONL with one bad line; sayings: plain text, one example per line.
        Files.writeString(dir.resolve("quiz.jsonl"), "{\"id\":\"q1\",\"text\":\"" + quiz + "\"}\n"
                + "{\"id\":\"q2\",\"text\":\"" + shortQuiz + "\"}\n" + "{\"id\":\"q3\",\"text\": 42}\n");
        Files.writeString(dir.resolve("sayings.txt"), famous + "\n\nsaying two words\n");

        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            docs.add(new Doc("clean-" + i, prose(random, 12)));
        }
        // Long prose on both sides of a quoted quiz: two pieces survive.
        String head = prose(random, 8);
        String tail = prose(random, 8);
        docs.add(new Doc("split", head + " " + longSentence(random) + " " + quiz + ". " + longSentence(random) + " " + tail));
        // Too little around it: nothing left.
        docs.add(new Doc("gone", prose(random, 1) + " " + quiz + ". " + prose(random, 1)));
        // A short head piece, dropped; the tail piece kept. The 10-word quiz text matches whole.
        docs.add(new Doc("short-head", prose(random, 1) + " " + longSentence(random) + " " + shortQuiz + ". "
                + longSentence(random) + " " + prose(random, 8)));
        // The saying is quoted in 10 documents: too common to mean contamination.
        for (int i = 0; i < 10; i++) {
            docs.add(new Doc("quote-" + i, prose(random, 6) + " " + famous + ". " + prose(random, 6)));
        }
        String config = config(docs, "decontaminate { tasks = [\n"
                + "  { name = quiz, path = \"" + dir.resolve("quiz.jsonl") + "\" }\n"
                + "  { name = sayings, path = \"" + dir.resolve("sayings.txt") + "\", format = text } ] }\n");
        List<StageManifest> manifests = run(config);
        StageManifest m = manifests.get(1);

        assertEquals(18, m.in());
        assertEquals(17, m.split().documentsKept());
        assertEquals(1, m.split().documentsRejected());
        assertEquals(17 + 1, m.kept(), "split is kept as 2 rows");
        assertEquals(2, m.rejected(), "gone, whole; the head of short-head");
        assertEquals(Map.of("contaminated:quiz", 2L), m.rejectedByReason());
        assertEquals(new StageManifest.DatasetCounts(18, 18, 2), m.datasets().get("web"));

        Map<String, Row> kept = table("stages/02-decontaminate");
        assertTrue(kept.keySet().containsAll(List.of("web/clean-0", "web/quote-9", "web/split#0", "web/split#1",
                "web/short-head#1")), kept.keySet().toString());
        assertFalse(kept.containsKey("web/split"));
        assertEquals(head, kept.get("web/split#0").getAs("text"));
        assertEquals(tail, kept.get("web/split#1").getAs("text"));
        assertEquals(tail.length(), (int) kept.get("web/split#1").<Integer>getAs("n_chars"));
        assertFalse(Arrays.asList(kept.values().iterator().next().schema().fieldNames()).stream()
                .anyMatch(c -> c.startsWith("_")), "no outcome column among the documents");
        String quote = kept.get("web/quote-3").getAs("text");
        assertTrue(quote.contains(famous), "a frequent n-gram is left alone");

        Map<String, Row> rejected = table("rejected/decontaminate");
        assertEquals(List.of("web/gone", "web/short-head#0"), new ArrayList<>(rejected.keySet()));
        assertTrue(rejected.get("web/gone").<String>getAs("detail").startsWith("no piece of 200 characters"),
                rejected.get("web/gone").<String>getAs("detail"));
        assertTrue(rejected.get("web/short-head#0").<String>getAs("detail").contains("fewer than min-piece-chars 200"));

        Map<String, Row> contamination = table("contamination/decontaminate");
        assertEquals(List.of("web/gone", "web/short-head", "web/split"), new ArrayList<>(contamination.keySet()));
        Row split = contamination.get("web/split");
        assertEquals(List.of("quiz"), split.getList(split.fieldIndex("tasks")));
        assertEquals(8, (int) split.<Integer>getAs("match_count"), "8 thirteen-grams of the 20-word quiz");
        Row first = split.<Row>getList(split.fieldIndex("matches")).get(0);
        String splitText = docs.get(5).text();
        assertEquals(first.<String>getAs("ngram"),
                splitText.substring(first.<Integer>getAs("start"), first.<Integer>getAs("end")));
        assertEquals("q1", first.getAs("example"));
        assertEquals(2, (int) split.<Integer>getAs("pieces_kept"));
        assertEquals((long) splitText.length() - head.length() - tail.length(), (long) split.<Long>getAs("chars_removed"));
        assertEquals("nothing-left", contamination.get("web/gone").getAs("dropped"));
        assertNull(split.getAs("dropped"));

        Row frequent = SparkTestSession.get().read().parquet(dir.resolve("run/frequent-ngrams/decontaminate").toString()).first();
        assertEquals(taskText("saying", 1, 13).toLowerCase(), frequent.getAs("ngram"));
        assertEquals(10L, (long) frequent.<Long>getAs("documents"));

        Map<String, Long> metrics = m.metrics();
        assertEquals(3L, metrics.get("documents_touched"));
        assertEquals(1L, metrics.get("documents_dropped"));
        assertEquals(2L, metrics.get("task.quiz.examples"));
        assertEquals(1L, metrics.get("task.quiz.skipped_lines"));
        assertEquals(2L, metrics.get("task.sayings.examples"));
        assertEquals(3L, metrics.get("task.quiz.documents"));
        assertEquals(0L, metrics.get("task.sayings.documents"));
        assertEquals(1L, metrics.get("task.sayings.ngrams_frequent"));
        assertEquals(9L, metrics.get("task.quiz.ngrams_matched"), "8 windows of the quiz + the short quiz whole");
        assertEquals(1L, metrics.get("frequent_ngrams"));
        long removed = 0;
        for (Row r : contamination.values()) {
            removed += r.<Long>getAs("chars_removed");
        }
        assertEquals(removed, metrics.get("task.quiz.chars_removed"));
        assertEquals(removed, metrics.get("chars_removed"));

        // Nothing changed: the stage is skipped. A changed task file reruns it.
        assertEquals(m.outputFingerprint(), run(config).get(1).outputFingerprint());
        Files.writeString(dir.resolve("sayings.txt"), famous + "\nanother saying with eight words in it here\n");
        StageManifest again = run(config).get(1);
        assertFalse(again.configHash().equals(m.configHash()));
    }

    @Test
    void badTaskConfigurationIsAClearError() throws IOException {
        String base = config(List.of(new Doc("a", prose(new Random(1), 20))), "");
        ConfigError missing = assertThrows(ConfigError.class, () -> run(base.replace("stages = [ingest, decontaminate]\n",
                "stages = [ingest, decontaminate]\n decontaminate { tasks = [{ name = lambada, path = \"" + dir.resolve("none.jsonl") + "\" }] }\n")));
        assertTrue(missing.getMessage().contains("'lambada'") && missing.getMessage().contains("does not exist"), missing.getMessage());
        ConfigError empty = assertThrows(ConfigError.class, () -> run(base));
        assertTrue(empty.getMessage().contains("tasks is empty"), empty.getMessage());
        ConfigError key = assertThrows(ConfigError.class, () -> run(base.replace("stages = [ingest, decontaminate]\n",
                "stages = [ingest, decontaminate]\n decontaminate { tasks = [{ name = x, paht = y }] }\n")));
        assertTrue(key.getMessage().contains("unknown key 'paht'"), key.getMessage());
        Files.writeString(dir.resolve("bad.jsonl"), "not json\n{\"text\": null}\n");
        ConfigError none = assertThrows(ConfigError.class, () -> run(base.replace("stages = [ingest, decontaminate]\n",
                "stages = [ingest, decontaminate]\n decontaminate { tasks = [{ name = x, path = \"" + dir.resolve("bad.jsonl") + "\" }] }\n")));
        assertTrue(none.getMessage().contains("no examples") && none.getMessage().contains("bad.jsonl:1: not JSON"), none.getMessage());
        ConfigError params = assertThrows(ConfigError.class, () -> run(base.replace("stages = [ingest, decontaminate]\n",
                "stages = [ingest, decontaminate]\n decontaminate { min-words = 20, tasks = [{ name = x, path = \"" + dir.resolve("bad.jsonl") + "\" }] }\n")));
        assertTrue(params.getMessage().contains("winnow.decontaminate: min-words = 20"), params.getMessage());
    }
}
