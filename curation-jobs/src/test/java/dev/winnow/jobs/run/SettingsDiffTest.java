package dev.winnow.jobs.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsDiffTest {
    @Test
    void sameSettingsDifferInNothing() {
        assertEquals(List.of(), SettingsDiff.lines(Map.of("a", "1"), Map.of("a", "1")));
    }

    @Test
    void changedAddedAndRemovedKeysInKeyOrder() {
        var before = Map.of("clean.min-chars", "200", "clean.old", "true", "same", "x");
        var now = Map.of("clean.min-chars", "100", "clean.new", "\"y\"", "same", "x");
        assertEquals(List.of("clean.min-chars: 200 → 100", "clean.new: (unset) → \"y\"", "clean.old: true → (unset)"),
                SettingsDiff.lines(before, now));
    }

    @Test
    void longAndMultiLineValuesStayOnOneShortLine() {
        String long1 = "a".repeat(200);
        List<String> lines = SettingsDiff.lines(Map.of("k", long1), Map.of("k", "one\ntwo"));
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertTrue(line.endsWith(" → one two"), line);
        assertTrue(line.contains("a".repeat(SettingsDiff.MAX_VALUE_CHARS - 1) + "…"), line);
        assertTrue(line.length() < 100, line);
    }
}
