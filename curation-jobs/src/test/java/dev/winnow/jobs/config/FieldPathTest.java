package dev.winnow.jobs.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldPathTest {
    @Test
    void dotsSeparateStepsAndBackticksQuoteOne() {
        assertEquals(List.of("text"), FieldPath.steps("text"));
        assertEquals(List.of("meta", "url"), FieldPath.steps("meta.url"));
        assertEquals(List.of("warc.url"), FieldPath.steps("`warc.url`"));
        assertEquals(List.of("meta", "a.b", "c"), FieldPath.steps("meta.`a.b`.c"));
        assertEquals(List.of("a`b"), FieldPath.steps("`a``b`"));
        assertEquals(List.of("``"), FieldPath.steps("``````"));
        assertEquals(List.of("plain", "with space", "ü"), FieldPath.steps("plain.`with space`.ü"));
        assertEquals(List.of("quoted"), FieldPath.steps("`quoted`"), "backticks around a plain name change nothing");
    }

    @Test
    void malformedNamesSayWhatAndWhere() {
        assertMessage("", "field name is empty");
        assertMessage(null, "field name is empty");
        for (String empty : new String[] {".a", "a.", "a..b", "``", "a.``"}) {
            assertMessage(empty, "empty name at");
        }
        assertMessage("`a.b", "the backtick at 0 is not closed");
        assertMessage("meta.`a", "the backtick at 5 is not closed");
        assertMessage("`a`b", "expected '.' or the end after the backticked name at 3, found 'b'");
        assertMessage("a`b`", "a backtick at 1 inside a name");
    }

    private static void assertMessage(String path, String expected) {
        ConfigError e = assertThrows(ConfigError.class, () -> FieldPath.steps(path), String.valueOf(path));
        assertTrue(e.getMessage().contains(expected), path + ": " + e.getMessage());
    }
}
