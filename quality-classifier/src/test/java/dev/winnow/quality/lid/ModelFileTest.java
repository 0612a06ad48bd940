package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model file is written at build time and read at run time: both sides must agree field by field. */
class ModelFileTest {

    /** Five languages in three scripts, deliberately not grouped; orders 1 and 2. */
    private static ModelFile sample() {
        List<String> languages = List.of("xc", "xa", "xd", "xb", "xe");
        List<List<String>> scripts = List.of(List.of("CYRILLIC"), List.of("LATIN"), List.of("CYRILLIC"),
                List.of("LATIN"), List.of("GREEK"));
        long[] keys = {11L, 22L, -33L, 44L, Long.MIN_VALUE};
        int[] orderStarts = {0, 3, 5};
        int[] starts = {0, 2, 3, 3, 8, 9};
        int[] postings = {
            ModelFile.posting(0, 100), ModelFile.posting(2, -5),
            ModelFile.posting(4, 7),
            ModelFile.posting(0, 1), ModelFile.posting(1, -2), ModelFile.posting(2, 3), ModelFile.posting(3, -4),
            ModelFile.posting(4, 5),
            ModelFile.posting(1, -(1 << 23))};
        return new ModelFile("test source ü", languages, scripts, orderStarts, keys, starts, postings);
    }

    private static byte[] bytes(ModelFile m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }

    private static void assertSameModel(ModelFile expected, ModelFile actual) {
        assertEquals(expected.source(), actual.source());
        assertEquals(expected.languages(), actual.languages());
        assertEquals(expected.scripts(), actual.scripts());
        assertArrayEquals(expected.orderStarts(), actual.orderStarts());
        assertArrayEquals(expected.keys(), actual.keys());
        assertArrayEquals(expected.postingStarts(), actual.postingStarts());
        assertArrayEquals(expected.postings(), actual.postings());
    }

    @Test
    void writeThenReadGivesTheSameModel() throws IOException {
        ModelFile m = sample();
        ModelFile back = ModelFile.read(new ByteArrayInputStream(bytes(m)));
        assertSameModel(m, back);
        assertEquals(2, back.maxOrder());
    }

    @Test
    void multiScriptLanguagesRoundTrip() throws IOException {
        ModelFile m = new ModelFile("s", List.of("ja"), List.of(List.of("HAN", "HIRAGANA", "KATAKANA")),
                new int[] {0, 1}, new long[] {5L}, new int[] {0, 1}, new int[] {ModelFile.posting(0, 9)});
        assertSameModel(m, ModelFile.read(new ByteArrayInputStream(bytes(m))));
    }

    /**
     * A language whose unigrams are missing (or spread thin over many scripts) gets no scripts
     * from the compiler; the file writes "" for it and reads it back as [""].
     */
    @Test
    void languageWithoutScriptsRoundTrips() throws IOException {
        ModelFile m = new ModelFile("s", List.of("xx"), List.of(List.of()), new int[] {0, 0}, new long[0],
                new int[] {0}, new int[0]);
        List<String> back = ModelFile.read(new ByteArrayInputStream(bytes(m))).scripts().get(0);
        assertTrue(back.isEmpty(), "scripts read back as " + back.stream().map(s -> '"' + s + '"').toList());
    }

    @Test
    void headerHasSourceAndLanguagesOnly() throws IOException {
        ModelFile.Header h = ModelFile.readHeader(new ByteArrayInputStream(bytes(sample())));
        assertEquals("test source ü", h.source());
        assertEquals(sample().languages(), h.languages());
    }

    @Test
    void badMagicIsRefusedWithAClearMessage() {
        byte[] junk = "{\"language\":\"en\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(new ByteArrayInputStream(junk)));
        assertTrue(e.getMessage().contains("not a Winnow language model"), e.getMessage());
        assertThrows(IOException.class, () -> ModelFile.readHeader(new ByteArrayInputStream(junk)));
    }

    @Test
    void otherFormatVersionIsRefusedNamingBothVersions() throws IOException {
        byte[] b = bytes(sample());
        b[7] = (byte) (ModelFile.FORMAT_VERSION + 1); // format version: second big-endian int
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(new ByteArrayInputStream(b)));
        assertTrue(e.getMessage().contains("format " + (ModelFile.FORMAT_VERSION + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("rebuild"), e.getMessage());
    }

    @Test
    void otherHashVersionIsRefused() throws IOException {
        byte[] b = bytes(sample());
        b[11] = (byte) (NgramHash.VERSION + 1);
        IOException e = assertThrows(IOException.class, () -> ModelFile.read(new ByteArrayInputStream(b)));
        assertTrue(e.getMessage().contains("hash " + (NgramHash.VERSION + 1)), e.getMessage());
    }

    @Test
    void truncatedFileIsAnIOException() throws IOException {
        byte[] b = bytes(sample());
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 3);
        assertThrows(IOException.class, () -> ModelFile.read(new ByteArrayInputStream(cut)));
    }

    @Test
    void postingPacksLanguageAndSignedScore() {
        int[] scores = {0, 1, -1, 255, -256, 12345, -12345, (1 << 23) - 1, -(1 << 23)};
        for (int language : new int[] {0, 1, 74, 255}) {
            for (int score : scores) {
                int p = ModelFile.posting(language, score);
                assertEquals(language, ModelFile.language(p), language + "/" + score);
                assertEquals(score, ModelFile.score(p), language + "/" + score);
            }
        }
    }

    /** (language, score) pairs of each key, by language name, so models with other indices compare. */
    private static List<Set<String>> postingsByName(ModelFile m) {
        List<Set<String>> out = new ArrayList<>();
        for (int k = 0; k < m.keys().length; k++) {
            Set<String> s = new HashSet<>();
            for (int i = m.postingStarts()[k]; i < m.postingStarts()[k + 1]; i++) {
                s.add(m.languages().get(ModelFile.language(m.postings()[i])) + ":" + ModelFile.score(m.postings()[i]));
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void groupedByScriptKeepsEachLanguagesPostings() {
        ModelFile m = sample();
        ModelFile g = m.groupedByScript();
        assertEquals(postingsByName(m), postingsByName(g));
        assertArrayEquals(m.keys(), g.keys());
        assertArrayEquals(m.orderStarts(), g.orderStarts());
        assertArrayEquals(m.postingStarts(), g.postingStarts());
        assertEquals(m.source(), g.source());
        // Each language keeps its scripts.
        Map<String, List<String>> scripts = new HashMap<>();
        for (int i = 0; i < m.languages().size(); i++) {
            scripts.put(m.languages().get(i), m.scripts().get(i));
        }
        for (int i = 0; i < g.languages().size(); i++) {
            assertEquals(scripts.get(g.languages().get(i)), g.scripts().get(i));
        }
    }

    @Test
    void groupedByScriptPutsSameScriptLanguagesNextToEachOther() {
        ModelFile g = sample().groupedByScript();
        assertEquals(List.of("xc", "xd", "xe", "xa", "xb"), g.languages(), "by first script, then code");
        List<String> firstScripts = g.scripts().stream().map(s -> s.get(0)).toList();
        for (String script : new HashSet<>(firstScripts)) {
            int first = firstScripts.indexOf(script);
            int last = firstScripts.lastIndexOf(script);
            long count = firstScripts.stream().filter(script::equals).count();
            assertEquals(last - first + 1, count, "languages of " + script + " are not one index range");
        }
    }
}
