package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler turns per-language backoff models into postings that telescope: adding up the
 * postings of every n-gram ending at a letter must give that language's backed-off log-likelihood
 * of the letter (relative to the floor). Checked here against a hand-written backoff on a tiny
 * model in Lingua's file format.
 */
class LinguaModelCompilerTest {
    private static final double BACKOFF = 0.9;
    private static final double FLOOR = -16.0;
    private static final double TOLERANCE_PER_POSTING = 0.5 / ModelFile.SCALE + 1e-6;

    @TempDir
    Path dir;

    /** One language: per order (index 1..3), n-gram -> "num/den" = P(last char | previous chars). */
    private record Lang(String code, List<Map<String, String>> orders) {
        double logProb(String ngram) {
            String f = orders.get(ngram.codePointCount(0, ngram.length())).get(ngram);
            if (f == null) {
                return Double.NaN;
            }
            String[] nd = f.split("/");
            return Math.log(Double.parseDouble(nd[0]) / Double.parseDouble(nd[1]));
        }
    }

    private static Lang lang(String code, Map<String, String> uni, Map<String, String> bi, Map<String, String> tri) {
        return new Lang(code, List.of(Map.of(), uni, bi, tri));
    }

    private static final Lang XA = lang("xa",
            Map.of("a", "1/2", "b", "1/4", "c", "1/4"),
            Map.of("ab", "1/2", "ba", "1/3", "ca", "1/5", "bc", "3/4"),
            Map.of("aba", "1/2", "bca", "2/3"));
    private static final Lang XB = lang("xb",
            Map.of("a", "1/5", "b", "2/5", "c", "1/5", "d", "1/5"),
            Map.of("ab", "1/10", "bc", "1/2", "ba", "1/4", "da", "3/5"),
            Map.of("abc", "1/3", "aba", "1/4"));

    /** Lingua's JSON: n-grams with the same relative frequency share one space-separated string. */
    private static String json(String language, Map<String, String> ngrams) {
        Map<String, StringBuilder> byFraction = new TreeMap<>();
        new TreeMap<>(ngrams).forEach((g, f) -> {
            StringBuilder b = byFraction.computeIfAbsent(f, x -> new StringBuilder());
            b.append(b.length() == 0 ? "" : " ").append(g);
        });
        StringBuilder out = new StringBuilder("{\"language\":\"" + language + "\",\"ngrams\":{");
        String sep = "";
        for (Map.Entry<String, StringBuilder> e : byFraction.entrySet()) {
            out.append(sep).append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            sep = ",";
        }
        return out.append("}}").toString();
    }

    private void write(Lang... langs) throws IOException {
        for (Lang l : langs) {
            Path d = Files.createDirectories(dir.resolve(l.code()));
            for (int k = 1; k <= 3; k++) {
                if (!l.orders().get(k).isEmpty()) {
                    Files.writeString(d.resolve(LinguaModelCompiler.ORDER_FILES[k - 1] + ".json"),
                            json(l.code().toUpperCase(), l.orders().get(k)));
                }
            }
        }
    }

    private ModelFile compile(double prune) throws IOException {
        return LinguaModelCompiler.compile(dir, new LinguaModelCompiler.Params(BACKOFF, FLOOR, prune, 3));
    }

    /** Per order: key -> key index in the model. */
    private static List<Map<Long, Integer>> index(ModelFile m) {
        List<Map<Long, Integer>> byOrder = new java.util.ArrayList<>();
        byOrder.add(Map.of());
        for (int k = 1; k < m.orderStarts().length; k++) {
            Map<Long, Integer> keys = new HashMap<>();
            for (int i = m.orderStarts()[k - 1]; i < m.orderStarts()[k]; i++) {
                keys.put(m.keys()[i], i);
            }
            byOrder.add(keys);
        }
        return byOrder;
    }

    private static long key(String ngram) {
        return NgramHash.of(ngram.codePoints().toArray());
    }

    /** The language's posting for the n-gram, or null when it has none. */
    private static Integer posting(ModelFile m, List<Map<Long, Integer>> index, String ngram, String language) {
        Integer k = index.get(ngram.length()).get(key(ngram));
        if (k == null) {
            return null;
        }
        int lang = m.languages().indexOf(language);
        for (int i = m.postingStarts()[k]; i < m.postingStarts()[k + 1]; i++) {
            if (ModelFile.language(m.postings()[i]) == lang) {
                return ModelFile.score(m.postings()[i]);
            }
        }
        return null;
    }

    /** Hand-written backoff: the longest n-gram (order <= 3) ending at each letter that the language has. */
    private static double expectedScore(Lang l, String word) {
        double sum = 0;
        for (int p = 0; p < word.length(); p++) {
            double value = FLOOR;
            for (int k = Math.min(3, p + 1); k >= 1; k--) {
                double lp = l.logProb(word.substring(p - k + 1, p + 1));
                if (!Double.isNaN(lp)) {
                    value = lp + k * BACKOFF;
                    break;
                }
            }
            sum += value - FLOOR;
        }
        return sum;
    }

    /** What the detector adds up: every n-gram of order <= 3 ending at each letter, in nats. Also counts postings. */
    private static double[] modelScore(ModelFile m, String language, String word) {
        List<Map<Long, Integer>> index = index(m);
        double sum = 0;
        int used = 0;
        for (int p = 0; p < word.length(); p++) {
            for (int k = 1; k <= Math.min(3, p + 1); k++) {
                Integer s = posting(m, index, word.substring(p - k + 1, p + 1), language);
                if (s != null) {
                    sum += (double) s / ModelFile.SCALE;
                    used++;
                }
            }
        }
        return new double[] {sum, used};
    }

    @Test
    void postingsTelescopeToTheBackoffLogLikelihood() throws IOException {
        write(XA, XB);
        ModelFile m = compile(0.0);
        assertEquals(List.of("xa", "xb"), m.languages());
        assertEquals(3, m.maxOrder());
        for (String word : new String[] {"a", "ab", "abacab", "dab", "cd", "bcad", "abcabca", "ddd", "cabd"}) {
            for (Lang l : new Lang[] {XA, XB}) {
                double[] got = modelScore(m, l.code(), word);
                double expected = expectedScore(l, word);
                assertEquals(expected, got[0], (got[1] + 1) * TOLERANCE_PER_POSTING, l.code() + " on '" + word + "'");
            }
        }
    }

    @Test
    void individualPostingsAreDifferencesToTheBackedOffOrder() throws IOException {
        write(XA, XB);
        ModelFile m = compile(0.0);
        List<Map<Long, Integer>> index = index(m);
        // Unigram: ln P + backoff - floor.
        assertEquals(Math.round((Math.log(0.5) + BACKOFF - FLOOR) * 256), (long) posting(m, index, "a", "xa"));
        // Bigram against the unigram of its last letter.
        assertEquals(Math.round((Math.log(1.0 / 3) + 2 * BACKOFF - (Math.log(0.5) + BACKOFF)) * 256),
                (long) posting(m, index, "ba", "xa"));
        // Trigram against the bigram of its last two letters (xb has "bc").
        assertEquals(Math.round((Math.log(1.0 / 3) + 3 * BACKOFF - (Math.log(0.5) + 2 * BACKOFF)) * 256),
                (long) posting(m, index, "abc", "xb"));
        // xa lacks "d" entirely: no posting, so the floor applies.
        assertNull(posting(m, index, "d", "xa"));
    }

    /** The telescoped scores reach the detector: its probabilities are a softmax of them. */
    @Test
    void detectorOnTheCompiledModelReportsTheBackoffPosterior() throws IOException {
        write(XA, XB);
        ModelFile m = compile(0.0);
        double temperature = 8.0;
        LidOptions options = new LidOptions(2048, 8, 3, 1000, 3, 1000.0, 0.0, temperature, 2);
        LanguageIdentifier lid = LanguageIdentifier.load(m, options);
        String text = "Abacab, dab cd bcad!";
        String[] words = {"abacab", "dab", "cd", "bcad"};
        double xa = 0;
        double xb = 0;
        for (String w : words) {
            xa += expectedScore(XA, w);
            xb += expectedScore(XB, w);
        }
        Detection d = lid.detect(text);
        assertEquals(2, d.top().size());
        assertEquals(words[0].length() + 3 + 2 + 4, d.letters());
        Map<String, Double> p = new HashMap<>();
        d.top().forEach(s -> p.put(s.language(), s.probability()));
        double logOdds = Math.log(p.get("xa") / p.get("xb")) * temperature;
        assertEquals(xa - xb, logOdds, 40 * TOLERANCE_PER_POSTING);
        assertEquals(xa > xb ? "xa" : "xb", d.language());
    }

    @Test
    void pruningDropsSmallDifferencesAndLaterOrdersBackOffPastThem() throws IOException {
        // xa: "ba" is almost exactly what backing off to "a" predicts (difference ~0.05 nat), as is "bb";
        // "c" is nearly at the floor, but unigrams are never pruned.
        Lang xa = lang("xa", Map.of("a", "1/2", "b", "1/2", "c", "1/21700000"),
                Map.of("ba", "2137/10000", "bb", "2137/10000", "ab", "1/10"), Map.of("aba", "1/2"));
        Lang xb = lang("xb", Map.of("a", "1/2", "b", "1/2"), Map.of("ba", "1/2"), Map.of());
        write(xa, xb);
        ModelFile pruned = compile(0.25);
        List<Map<Long, Integer>> index = index(pruned);
        assertNull(posting(pruned, index, "ba", "xa"), "small difference pruned");
        assertTrue(posting(pruned, index, "ba", "xb") != null, "large difference kept");
        assertTrue(posting(pruned, index, "ab", "xa") != null, "large negative difference kept");
        assertEquals(2, (long) posting(pruned, index, "c", "xa"), "unigrams are never pruned");
        assertFalse(index.get(2).containsKey(key("bb")), "a key left without postings is dropped");
        // "aba" is now measured against "a" (where xa backs off to), not against the pruned "ba".
        assertEquals(Math.round(2 * BACKOFF * 256), (long) posting(pruned, index, "aba", "xa"));
        ModelFile full = compile(0.0);
        assertEquals(Math.round((Math.log(0.5) + 3 * BACKOFF - Math.log(0.2137) - 2 * BACKOFF) * 256),
                (long) posting(full, index(full), "aba", "xa"));
        // The pruned model still telescopes, to the pruned model's value: at "a" after "b" xa uses "a".
        double[] got = modelScore(pruned, "xa", "ba");
        assertEquals(2 * (Math.log(0.5) + BACKOFF - FLOOR), got[0], 3 * TOLERANCE_PER_POSTING);
    }

    @Test
    void everyKeptKeysSuffixesArePresent() throws IOException {
        write(XA, XB);
        ModelFile m = compile(0.0);
        List<Map<Long, Integer>> index = index(m);
        for (Lang l : new Lang[] {XA, XB}) {
            for (String tri : l.orders().get(3).keySet()) {
                assertTrue(index.get(3).containsKey(key(tri)), tri);
                assertTrue(index.get(2).containsKey(key(tri.substring(1))), tri);
                assertTrue(index.get(1).containsKey(key(tri.substring(2))), tri);
            }
        }
    }

    @Test
    void outputIsDeterministicAndKeysAreSortedWithinEachOrder() throws IOException {
        write(XA, XB);
        ModelFile a = compile(0.0);
        ModelFile b = compile(0.0);
        assertArrayEquals(a.keys(), b.keys());
        assertArrayEquals(a.postingStarts(), b.postingStarts());
        assertArrayEquals(a.orderStarts(), b.orderStarts());
        assertArrayEquals(a.postings(), b.postings());
        int[] os = a.orderStarts();
        assertEquals(0, os[0]);
        assertEquals(a.keys().length, os[3]);
        for (int k = 1; k <= 3; k++) {
            for (int i = os[k - 1] + 1; i < os[k]; i++) {
                assertTrue(a.keys()[i - 1] < a.keys()[i], "order " + k + " keys unsorted at " + i);
            }
        }
        // Orders: 4 unigrams (abcd), 5 distinct bigrams (ab ba bc ca da), 3 distinct trigrams.
        assertEquals(4, os[1] - os[0]);
        assertEquals(5, os[2] - os[1]);
        assertEquals(3, os[3] - os[2]);
        assertTrue(a.source().contains("backoff=0.9") && a.source().contains("prune=0.0"), a.source());
    }

    @Test
    void scriptsComeFromUnigramMass() throws IOException {
        // xa: 6% Greek letters (over the 5% bar); xb: 4% Cyrillic (under it) but Cyrillic bigrams.
        write(lang("xa", Map.of("a", "47/100", "b", "47/100", "α", "6/100"), Map.of(), Map.of()),
                lang("xb", Map.of("a", "96/100", "ж", "4/100"), Map.of("жж", "1/2", "жа", "1/2"), Map.of()));
        ModelFile m = compile(0.0);
        assertEquals(List.of(List.of("GREEK", "LATIN"), List.of("LATIN")), m.scripts());
    }

    @Test
    void otherFilesAndFieldsAreIgnored() throws IOException {
        write(XA, XB);
        Files.writeString(dir.resolve("README.txt"), "not a language");
        Files.writeString(dir.resolve("xa").resolve("quadrigrams.json"), "not read at maxOrder 3");
        Path uni = dir.resolve("xb").resolve("unigrams.json");
        Files.writeString(uni, Files.readString(uni).replace("{\"language\"", "{\"extra\":[1,{\"x\":2}],\"language\""));
        ModelFile m = compile(0.0);
        assertEquals(List.of("xa", "xb"), m.languages());
        assertEquals(4, m.orderStarts()[1]);
    }

    private IOException compileError(String file, String content) throws IOException {
        write(XA, XB);
        Path path = dir.resolve("xb").resolve(file);
        Files.writeString(path, content);
        IOException e = assertThrows(IOException.class, () -> compile(0.0));
        return e;
    }

    private static void assertNamesFile(IOException e, String file) {
        assertTrue(e.getMessage() != null && e.getMessage().contains("xb") && e.getMessage().contains(file),
                "message should name " + file + ": " + e.getMessage());
    }

    @Test
    void ngramOfTheWrongOrderIsAnErrorNamingTheFile() throws IOException {
        IOException e = compileError("bigrams.json", json("XB", Map.of("ab", "1/2", "abc", "1/2")));
        assertNamesFile(e, "bigrams.json");
        assertTrue(e.getMessage().contains("abc") && e.getMessage().contains("order 2"), e.getMessage());
    }

    @Test
    void badFractionsAreErrorsNamingTheFile() throws IOException {
        for (String bad : new String[] {"x/2", "3/2", "0/4", "-1/4", "12", "1/"}) {
            IOException e = compileError("unigrams.json", json("XB", Map.of("a", bad)));
            assertNamesFile(e, "unigrams.json");
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void wrongJsonShapesAreErrorsNamingTheFile() throws IOException {
        assertNamesFile(compileError("unigrams.json", "[\"a\"]"), "unigrams.json");
        assertNamesFile(compileError("unigrams.json", "{\"ngrams\":[\"a\"]}"), "unigrams.json");
        assertNamesFile(compileError("unigrams.json", "{\"ngrams\":{\"1/2\":5}}"), "unigrams.json");
    }

    @Test
    void malformedJsonIsAnIOException() throws IOException {
        compileError("trigrams.json", "{\"language\":\"XB\",\"ngrams\":{\"1/2\":\"abc\"");
        compileError("trigrams.json", "{\"ngrams\":{\"1/2\" \"abc\"}}");
    }

    /** Jackson (2.16+) redacts the source from its messages, so nothing says which of 375 files is broken. */
    @Test
    void malformedJsonIsAnErrorNamingTheFile() throws IOException {
        assertNamesFile(compileError("trigrams.json", "{\"language\":\"XB\",\"ngrams\":{\"1/2\":\"abc\""),
                "trigrams.json");
    }

    @Test
    void folderWithoutLanguagesIsAnError() throws IOException {
        IOException e = assertThrows(IOException.class, () -> compile(0.0));
        assertTrue(e.getMessage().contains("language folders"), e.getMessage());
    }

    @Test
    void jsonHelperWritesLinguaShape() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("b", "1/4");
        g.put("a", "1/4");
        g.put("c", "1/2");
        assertEquals("{\"language\":\"X\",\"ngrams\":{\"1/2\":\"c\",\"1/4\":\"a b\"}}", json("X", g));
    }
}
