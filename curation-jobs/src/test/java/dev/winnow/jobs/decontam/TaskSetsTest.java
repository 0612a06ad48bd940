package dev.winnow.jobs.decontam;

import dev.winnow.dedup.decontam.TaskExample;
import dev.winnow.jobs.config.ConfigError;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task sets as a user exports them: examples kept, bad lines skipped and named, nested fields by path. */
class TaskSetsTest {
    @TempDir
    Path dir;

    private static final Configuration CONF = new Configuration();

    @Test
    void badLinesAreSkippedCountedAndNamed() throws IOException {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(f, String.join("\n", "{\"id\":1,\"text\":\"first example\"}", "not json",
                "{\"other\":1}", "{\"text\":[\"a\"]}", "", "{\"text\":\"no id\"}", "[1]") + "\n");
        TaskSets.Loaded loaded = TaskSets.load(new TaskSpec("t", f.toString(), TaskSpec.Format.JSONL, "text", "id"), CONF);
        assertEquals(List.of(new TaskExample("t", "1", "first example"), new TaskExample("t", "t.jsonl:6", "no id")),
                loaded.examples());
        assertEquals(4, loaded.skippedLines());
        assertTrue(loaded.skipped().get(0).startsWith("t.jsonl:2: not JSON"), loaded.skipped().toString());
        assertEquals("t.jsonl:3: no 'text' field", loaded.skipped().get(1));
        assertEquals("t.jsonl:4: 'text' is an array, not a string", loaded.skipped().get(2));
        assertEquals("t.jsonl:7: not a JSON object", loaded.skipped().get(3));
    }

    @Test
    void dottedFieldsReadNestedObjects() throws IOException {
        Path f = dir.resolve("arc.jsonl");
        Files.writeString(f, "{\"q\":{\"id\":\"Mercury_7\",\"stem\":\"Which planet is closest to the sun?\"}}\n"
                + "{\"q\":{\"stem\":{\"nested\":\"too deep\"}}}\n{\"q\":\"flat\"}\n");
        TaskSets.Loaded loaded = TaskSets.load(new TaskSpec("arc", f.toString(), TaskSpec.Format.JSONL, "q.stem", "q.id"),
                CONF);
        assertEquals(List.of(new TaskExample("arc", "Mercury_7", "Which planet is closest to the sun?")), loaded.examples());
        assertEquals(List.of("arc.jsonl:2: 'q.stem' is an object, not a string", "arc.jsonl:3: no 'q.stem' field"),
                loaded.skipped());
    }

    @Test
    void aKeyWithADotIsNamedInBackticksAndABadNameFailsWithItsTask() throws IOException {
        Path f = dir.resolve("dots.jsonl");
        Files.writeString(f, "{\"q.stem\":\"dotted key\",\"q\":{\"stem\":\"nested\"}}\n");
        TaskSets.Loaded loaded = TaskSets.load(new TaskSpec("d", f.toString(), TaskSpec.Format.JSONL, "`q.stem`", "id"),
                CONF);
        assertEquals(List.of(new TaskExample("d", "dots.jsonl:1", "dotted key")), loaded.examples());
        ConfigError e = assertThrows(ConfigError.class,
                () -> new TaskSpec("d", f.toString(), TaskSpec.Format.JSONL, "q..stem", "id"));
        assertTrue(e.getMessage().startsWith("decontaminate.tasks 'd': text-field: field name 'q..stem': empty name"),
                e.getMessage());
    }

    @Test
    void aTaskSetWithoutExamplesIsAConfigError() throws IOException {
        Path f = dir.resolve("empty.jsonl");
        Files.writeString(f, "{\"x\":1}\n");
        ConfigError e = assertThrows(ConfigError.class, () -> TaskSets.load(
                new TaskSpec("e", f.toString(), TaskSpec.Format.JSONL, "text", "id"), CONF));
        assertTrue(e.getMessage().contains("no examples") && e.getMessage().contains("no 'text' field"), e.getMessage());
    }
}
