package dev.winnow.jobs.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Checks what {@code conf/sample/README.md} says about the bundled sample corpus. */
class SampleCorpusTest {

    static final Path SAMPLE = Path.of("../conf/sample");
    static final Path ARTICLES = SAMPLE.resolve("encyclopedia/articles.jsonl");
    static final Path POSTS = SAMPLE.resolve("forum/posts.jsonl.gz");
    static final Path BOOKS = SAMPLE.resolve("books");
    static final Path README = SAMPLE.resolve("README.md");

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- what the README promises -------------------------------------------------------------------

    static final int MALFORMED_JSON_LINE = 14;
    static final int INVALID_UTF8_LINE = 23;
    /** Exact duplicate id → original id. */
    static final Map<String, String> EXACT_DUPLICATES = Map.of("enc-0009", "enc-0003", "enc-0028", "enc-0013");
    /** Near duplicate id → original id. */
    static final Map<String, String> NEAR_DUPLICATES =
            Map.of("enc-0019", "enc-0005", "enc-0024", "enc-0008", "enc-0032", "enc-0016");

    static final Set<String> GERMAN_POSTS = Set.of("post-0002", "post-0010", "post-0021", "post-0027", "post-0031");
    static final Set<String> FRENCH_POSTS = Set.of("post-0005", "post-0013", "post-0018", "post-0026", "post-0040");
    static final Set<String> SPANISH_POSTS = Set.of("post-0007", "post-0016", "post-0023", "post-0030", "post-0038");
    static final Set<String> SPAM_POSTS =
            Set.of("post-0004", "post-0009", "post-0015", "post-0022", "post-0027", "post-0037");
    static final Set<String> SHORT_POSTS = Set.of("post-0003", "post-0014", "post-0029");
    static final Set<String> MOJIBAKE_POSTS = Set.of("post-0006", "post-0018", "post-0032");
    static final String CONTROL_POST = "post-0020";
    static final String EMPTY_POST = "post-0025";
    static final String CROSS_DUPLICATE_POST = "post-0012";
    static final String CROSS_DUPLICATE_ARTICLE = "enc-0021";

    static final Map<String, String> BOOK_LANGUAGES = new TreeMap<>(Map.of(
            "the-lamplighters-daughter.txt", "en",
            "harrow-end.txt", "en",
            "the-long-field.txt", "en",
            "the-voyage-of-the-marigold.txt", "en",
            "marigold-reprint.txt", "en",
            "der-uhrmacher.txt", "de",
            "la-maison-du-passeur.txt", "fr",
            "el-faro-del-norte.txt", "es"));
    static final String BOOK_COPY = "marigold-reprint.txt";
    static final String BOOK_ORIGINAL = "the-voyage-of-the-marigold.txt";

    // ---- encyclopedia ----------------------------------------------------------------------------------

    /** Lines of a file split on '\n', without the final empty piece. */
    static List<byte[]> lines(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                out.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        if (start < data.length) {
            out.add(Arrays.copyOfRange(data, start, data.length));
        }
        return out;
    }

    static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** The valid records of articles.jsonl by id, in file order. */
    static Map<String, JsonNode> articles() throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (byte[] line : lines(Files.readAllBytes(ARTICLES))) {
            try {
                JsonNode n = JSON.readTree(strictUtf8(line));
                out.put(n.get("id").asText(), n);
            } catch (CharacterCodingException | JsonProcessingException bad) {
                // the two planted bad lines
            }
        }
        return out;
    }

    @Test
    void articlesHaveExactlyOneMalformedAndOneInvalidUtf8Line() throws IOException {
        byte[] data = Files.readAllBytes(ARTICLES);
        assertEquals('\n', data[data.length - 1], "file ends with a newline");
        List<byte[]> lines = lines(data);
        assertEquals(32, lines.size());

        List<Integer> invalidUtf8 = new ArrayList<>();
        List<Integer> malformed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String text;
            try {
                text = strictUtf8(lines.get(i));
            } catch (CharacterCodingException e) {
                invalidUtf8.add(lineNo);
                continue;
            }
            try {
                JsonNode n = JSON.readTree(text);
                assertEquals(String.format("enc-%04d", lineNo), n.get("id").asText());
                assertEquals(List.of("id", "title", "text", "url"), fieldNames(n));
            } catch (JsonProcessingException e) {
                malformed.add(lineNo);
            }
        }
        assertEquals(List.of(INVALID_UTF8_LINE), invalidUtf8);
        assertEquals(List.of(MALFORMED_JSON_LINE), malformed);

        // the malformed line is an object cut off inside its text value
        String cut = new String(lines.get(MALFORMED_JSON_LINE - 1), UTF_8);
        assertTrue(cut.startsWith("{\"id\": \"enc-0014\", \"title\": \"Harbour crane\", \"text\": \""), cut);
        assertFalse(cut.endsWith("}"));

        // the invalid line holds FF FE in the text value and is otherwise a whole record
        byte[] bad = lines.get(INVALID_UTF8_LINE - 1);
        int ff = indexOf(bad, new byte[] {(byte) 0xff, (byte) 0xfe});
        assertTrue(ff > 0);
        assertEquals(2, new String(bad, UTF_8).chars().filter(c -> c == 0xFFFD).count(), "only FF and FE are invalid");
        JsonNode lenient = JSON.readTree(new String(bad, UTF_8));
        assertEquals("enc-0023", lenient.get("id").asText());
        assertEquals("Rye", lenient.get("title").asText());
        assertTrue(lenient.get("text").asText().contains("greyish green and slender\uFFFD\uFFFD."));
    }

    @Test
    void articleRecordsAreLongMultiParagraphAndUnique() throws IOException {
        Map<String, JsonNode> articles = articles();
        assertEquals(30, articles.size());
        for (JsonNode a : articles.values()) {
            String id = a.get("id").asText();
            String text = a.get("text").asText();
            assertTrue(text.length() >= 800 && text.length() <= 3000, id + " has " + text.length() + " chars");
            int paragraphs = text.split("\n\n").length;
            assertTrue(paragraphs >= 3 && paragraphs <= 8, id + " has " + paragraphs + " paragraphs");
            assertTrue(a.get("url").asText().startsWith("https://"), id);
            assertFalse(a.get("title").asText().isBlank(), id);
        }
        assertEquals(864, articles.get("enc-0006").get("text").asText().length());
        assertEquals(2775, articles.get("enc-0002").get("text").asText().length());
        assertEquals(30, articles.values().stream().map(a -> a.get("url").asText()).distinct().count());
    }

    @Test
    void exactDuplicatesAreExactlyThePlantedOnes() throws IOException {
        Map<String, JsonNode> articles = articles();
        Map<String, List<String>> idsByText = new LinkedHashMap<>();
        articles.values().forEach(a -> idsByText.computeIfAbsent(a.get("text").asText(), t -> new ArrayList<>())
                .add(a.get("id").asText()));
        Set<Set<String>> groups = idsByText.values().stream().filter(ids -> ids.size() > 1)
                .map(HashSet::new).collect(Collectors.toSet());
        Set<Set<String>> expected = EXACT_DUPLICATES.entrySet().stream()
                .map(e -> Set.of(e.getKey(), e.getValue())).collect(Collectors.toSet());
        assertEquals(expected, groups);
        for (Map.Entry<String, String> e : EXACT_DUPLICATES.entrySet()) {
            JsonNode dup = articles.get(e.getKey());
            JsonNode orig = articles.get(e.getValue());
            assertEquals(orig.get("title"), dup.get("title"));
            assertFalse(orig.get("url").equals(dup.get("url")));
        }
        assertEquals(25 + NEAR_DUPLICATES.size(), idsByText.size(), "25 originals, 3 near duplicates");
    }

    @Test
    void nearDuplicatesAreExactlyThePlantedOnes() throws IOException {
        Map<String, JsonNode> articles = articles();
        Map<String, Set<List<String>>> shingles = new LinkedHashMap<>();
        articles.forEach((id, a) -> shingles.put(id, shingles(a.get("text").asText())));
        List<String> ids = new ArrayList<>(shingles.keySet());
        Set<Set<String>> similar = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                double jac = jaccard(shingles.get(ids.get(i)), shingles.get(ids.get(j)));
                if (jac >= 0.5 && jac < 1.0) {
                    similar.add(Set.of(ids.get(i), ids.get(j)));
                    assertTrue(jac >= 0.8, ids.get(i) + "/" + ids.get(j) + " Jaccard " + jac);
                }
            }
        }
        Set<Set<String>> expected = NEAR_DUPLICATES.entrySet().stream()
                .map(e -> Set.of(e.getKey(), e.getValue())).collect(Collectors.toSet());
        assertEquals(expected, similar);
        for (Map.Entry<String, String> e : NEAR_DUPLICATES.entrySet()) {
            String dup = articles.get(e.getKey()).get("text").asText();
            String orig = articles.get(e.getValue()).get("text").asText();
            double changed = changedWordFraction(orig, dup);
            assertTrue(changed >= 0.025 && changed <= 0.09, e.getKey() + " changes " + changed + " of the words");
            assertEquals(articles.get(e.getValue()).get("title"), articles.get(e.getKey()).get("title"));
            assertTrue(articles.get(e.getKey()).get("url").asText().contains("&oldid="));
        }
        String fell = articles.get("enc-0019").get("text").asText();
        assertTrue(fell.startsWith(articles.get("enc-0005").get("text").asText() + " "), "a sentence is appended");
    }

    // ---- forum -----------------------------------------------------------------------------------------

    static Map<String, String> posts() throws IOException {
        byte[] data;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(POSTS))) {
            data = in.readAllBytes();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (byte[] line : lines(data)) {
            JsonNode n = JSON.readTree(strictUtf8(line));
            assertEquals(List.of("post_id", "body", "link"), fieldNames(n));
            assertTrue(n.get("link").asText().startsWith("https://forum.example.net/t/"));
            assertTrue(out.put(n.get("post_id").asText(), n.get("body").asText()) == null, "unique ids");
        }
        return out;
    }

    @Test
    void forumPostsAreAsDescribed() throws IOException {
        Map<String, String> posts = posts();
        assertEquals(40, posts.size());
        List<String> expectedIds = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            expectedIds.add(String.format("post-%04d", i));
        }
        assertEquals(expectedIds, new ArrayList<>(posts.keySet()));

        Set<String> empty = new TreeSet<>();
        Set<String> shortOnes = new TreeSet<>();
        Set<String> mojibake = new TreeSet<>();
        Set<String> control = new TreeSet<>();
        posts.forEach((id, body) -> {
            if (body.isEmpty()) {
                empty.add(id);
                return;
            }
            assertTrue(body.length() >= 80 && body.length() <= 2000, id + " has " + body.length() + " chars");
            if (body.length() < 200) {
                shortOnes.add(id);
            }
            if (body.contains("â€") || body.contains("Ã")) {
                mojibake.add(id);
            }
            if (body.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                control.add(id);
            }
        });
        assertEquals(Set.of(EMPTY_POST), empty);
        assertEquals(SHORT_POSTS, shortOnes);
        assertEquals(MOJIBAKE_POSTS, mojibake);
        assertEquals(Set.of(CONTROL_POST), control);
        String log = posts.get(CONTROL_POST);
        assertEquals(4, log.chars().filter(c -> c == 0).count());
        assertTrue(log.indexOf('\u0007') > 0 && log.indexOf('\u001b') > 0);
        assertTrue(posts.get("post-0006").contains("donâ€™t"));
        assertTrue(posts.get("post-0032").contains("CafÃ©"));

        // the raw file keeps the control characters as JSON escapes
        try (InputStream in = new GZIPInputStream(Files.newInputStream(POSTS))) {
            String raw = new String(in.readAllBytes(), UTF_8);
            assertTrue(raw.contains("\\u0000") && raw.contains("\\u0007"));
            assertFalse(raw.chars().anyMatch(c -> c < 0x20 && c != '\n'), "no raw control bytes in the file");
        }
    }

    @Test
    void forumLanguagesAndSpamAreAsDescribed() throws IOException {
        Map<String, String> posts = posts();
        Map<String, String> expected = new TreeMap<>();
        posts.keySet().forEach(id -> expected.put(id, GERMAN_POSTS.contains(id) ? "de"
                : FRENCH_POSTS.contains(id) ? "fr" : SPANISH_POSTS.contains(id) ? "es" : "en"));
        assertEquals(25, expected.values().stream().filter("en"::equals).count());
        Map<String, String> guessed = new TreeMap<>();
        posts.forEach((id, body) -> {
            if (!body.isEmpty() && !SPAM_POSTS.contains(id)) {
                guessed.put(id, guessLanguage(body));
            }
        });
        Map<String, String> expectedNonSpam = new TreeMap<>(expected);
        expectedNonSpam.keySet().removeAll(SPAM_POSTS);
        expectedNonSpam.remove(EMPTY_POST);
        assertEquals(expectedNonSpam, guessed);

        for (String id : SPAM_POSTS) {
            assertTrue(looksLikeSpam(posts.get(id)), id + " should look like spam");
        }
        for (Map.Entry<String, String> e : posts.entrySet()) {
            if (!SPAM_POSTS.contains(e.getKey()) && e.getValue().length() >= 200) {
                assertFalse(looksLikeSpam(e.getValue()), e.getKey() + " should not look like spam");
            }
        }
    }

    @Test
    void oneForumPostNearlyDuplicatesAnArticle() throws IOException {
        Map<String, JsonNode> articles = articles();
        Map<String, String> posts = posts();
        Set<List<String>> kestle = shingles(articles.get(CROSS_DUPLICATE_ARTICLE).get("text").asText());
        List<String> similar = new ArrayList<>();
        for (Map.Entry<String, String> p : posts.entrySet()) {
            Set<List<String>> ps = shingles(p.getValue());
            for (JsonNode a : articles.values()) {
                double jac = jaccard(ps, shingles(a.get("text").asText()));
                if (jac >= 0.5) {
                    similar.add(p.getKey() + "~" + a.get("id").asText());
                }
            }
        }
        assertEquals(List.of(CROSS_DUPLICATE_POST + "~" + CROSS_DUPLICATE_ARTICLE), similar);
        assertTrue(jaccard(kestle, shingles(posts.get(CROSS_DUPLICATE_POST))) >= 0.8);
    }

    // ---- books -----------------------------------------------------------------------------------------

    @Test
    void booksAreAsDescribed() throws IOException {
        Map<String, byte[]> books = new TreeMap<>();
        try (Stream<Path> files = Files.list(BOOKS)) {
            for (Path p : files.collect(Collectors.toList())) {
                books.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertEquals(BOOK_LANGUAGES.keySet(), books.keySet(), "exactly the 8 listed .txt files");
        for (Map.Entry<String, byte[]> b : books.entrySet()) {
            String text = strictUtf8(b.getValue());
            assertTrue(text.length() >= 2000 && text.length() <= 6000, b.getKey() + " has " + text.length());
            assertTrue(text.endsWith("\n"));
            assertEquals(BOOK_LANGUAGES.get(b.getKey()), guessLanguage(text), b.getKey());
        }
        assertArrayEquals(books.get(BOOK_ORIGINAL), books.get(BOOK_COPY));
        assertEquals(7, books.values().stream().map(b -> new String(b, UTF_8)).distinct().count(),
                "the reprint is the only copy");
    }

    // ---- the whole folder ------------------------------------------------------------------------------

    @Test
    void sampleFolderIsSmallAndHasOnlyTheListedFiles() throws IOException {
        List<String> files;
        long total;
        try (Stream<Path> walk = Files.walk(SAMPLE)) {
            List<Path> all = walk.filter(Files::isRegularFile).collect(Collectors.toList());
            files = all.stream().map(p -> SAMPLE.relativize(p).toString().replace('\\', '/')).sorted()
                    .collect(Collectors.toList());
            total = 0;
            for (Path p : all) {
                total += Files.size(p);
            }
        }
        List<String> expected = new ArrayList<>(List.of(".gitattributes", "README.md", "crawl/crawl.warc.gz",
                "encyclopedia/articles.jsonl", "forum/posts.jsonl.gz", "tasks/cloze.txt", "tasks/town-qa.jsonl"));
        BOOK_LANGUAGES.keySet().forEach(b -> expected.add("books/" + b));
        expected.sort(null);
        assertEquals(expected, files);
        assertTrue(total < 400 * 1024, "sample is " + total + " bytes");
    }

    @Test
    void taskSetsQuoteWhatTheReadmeSays() throws IOException {
        List<String> cloze = Files.readAllLines(SAMPLE.resolve("tasks/cloze.txt"));
        assertEquals(4, cloze.size());
        assertTrue(Files.readString(SAMPLE.resolve("books/harrow-end.txt")).contains(cloze.get(0)));
        assertEquals(28, words(cloze.get(0)).size());
        assertEquals(10, words(cloze.get(1)).size());
        String postMill = encyclopediaText("enc-0011");
        assertTrue(postMill.startsWith(cloze.get(1)), postMill.substring(0, 80));
        List<String> qa = Files.readAllLines(SAMPLE.resolve("tasks/town-qa.jsonl"));
        assertEquals(4, qa.size());
        String passage = JSON.readTree(qa.get(0)).get("text").asText().split("\n")[0].substring("Passage: ".length());
        assertEquals(23, words(passage).size());
        assertTrue(encyclopediaText("enc-0002").contains(passage));
        for (String other : List.of(cloze.get(2), cloze.get(3), JSON.readTree(qa.get(1)).get("text").asText())) {
            assertTrue(other.length() > 60);
        }
    }

    private static String encyclopediaText(String id) throws IOException {
        for (String line : Files.readAllLines(SAMPLE.resolve("encyclopedia/articles.jsonl"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            String utf8 = new String(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
            if (utf8.contains("\"id\": \"" + id + "\"") || utf8.contains("\"id\":\"" + id + "\"")) {
                return JSON.readTree(utf8).get("text").asText();
            }
        }
        throw new AssertionError(id + " not found");
    }

    @Test
    void readmeNamesEveryPlantedDefect() throws IOException {
        String readme = Files.readString(README, UTF_8);
        List<String> mentioned = new ArrayList<>();
        EXACT_DUPLICATES.forEach((k, v) -> mentioned.addAll(List.of(k, v)));
        NEAR_DUPLICATES.forEach((k, v) -> mentioned.addAll(List.of(k, v)));
        mentioned.addAll(List.of("line 14", "line 23", CONTROL_POST, EMPTY_POST, CROSS_DUPLICATE_POST,
                CROSS_DUPLICATE_ARTICLE, BOOK_COPY, BOOK_ORIGINAL, "32 lines", "40 posts", "8 files", "30 records"));
        mentioned.addAll(SPAM_POSTS);
        mentioned.addAll(SHORT_POSTS);
        mentioned.addAll(MOJIBAKE_POSTS);
        mentioned.addAll(GERMAN_POSTS);
        mentioned.addAll(FRENCH_POSTS);
        mentioned.addAll(SPANISH_POSTS);
        mentioned.addAll(BOOK_LANGUAGES.keySet());
        for (Path page : SampleCorpusWarc.pages(SampleCorpusWarc.DEFAULT_HTML_DIR)) {
            mentioned.add(page.getFileName().toString());
            mentioned.add(SampleCorpusWarc.canonicalUrl(page));
        }
        for (String s : mentioned) {
            if (!readme.contains(s)) {
                fail("README.md does not mention " + s);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> words(String text) {
        return dev.winnow.jobs.bench.NaiveDecontamination.words(text);
    }

    /** Lower-cased word 5-grams, as the README's Jaccard figures use. */
    static Set<List<String>> shingles(String text) {
        List<String> w = words(text);
        Set<List<String>> out = new HashSet<>();
        for (int i = 0; i + 5 <= w.size(); i++) {
            out.add(List.copyOf(w.subList(i, i + 5)));
        }
        return out;
    }

    static double jaccard(Set<List<String>> a, Set<List<String>> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        Set<List<String>> inter = new HashSet<>(a);
        inter.retainAll(b);
        return (double) inter.size() / (a.size() + b.size() - inter.size());
    }

    /** 1 - (longest common subsequence of whitespace-separated words) / (longer word count). */
    static double changedWordFraction(String a, String b) {
        String[] x = a.split("\\s+");
        String[] y = b.split("\\s+");
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--) {
            for (int j = y.length - 1; j >= 0; j--) {
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        return 1.0 - (double) lcs[0][0] / Math.max(x.length, y.length);
    }

    private static final Map<String, Set<String>> STOPWORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "a", "in", "is", "it", "that", "was", "for", "with", "i", "you"),
            "de", Set.of("der", "die", "das", "und", "ich", "ist", "nicht", "mit", "es", "zu", "ein", "eine",
                    "auf", "sie", "den", "im"),
            "fr", Set.of("le", "la", "les", "et", "de", "des", "un", "une", "est", "je", "pour", "pas", "que",
                    "du", "au", "dans", "il"),
            "es", Set.of("el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "es", "por", "para",
                    "con", "del", "se", "lo"));

    /** The language whose common function words occur most often; crude, but enough for this sample. */
    static String guessLanguage(String text) {
        Map<String, Integer> score = new TreeMap<>();
        for (String w : words(text)) {
            STOPWORDS.forEach((lang, set) -> {
                if (set.contains(w)) {
                    score.merge(lang, 1, Integer::sum);
                }
            });
        }
        return score.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
    }

    /** Shouting, link lists, repeated lines or one word dominating. */
    static boolean looksLikeSpam(String text) {
        long letters = text.chars().filter(Character::isLetter).count();
        long upper = text.chars().filter(Character::isUpperCase).count();
        boolean shouting = letters > 0 && upper > 0.3 * letters;
        Map<String, Long> lineCounts = Arrays.stream(text.split("\n")).filter(l -> !l.isBlank())
                .collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        boolean repeated = lineCounts.values().stream().anyMatch(c -> c >= 5);
        List<String> w = words(text);
        Map<String, Long> wordCounts = w.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        Set<String> function = new HashSet<>();
        STOPWORDS.values().forEach(function::addAll);
        boolean dominated = wordCounts.entrySet().stream()
                .anyMatch(e -> !function.contains(e.getKey()) && e.getValue() > 0.06 * w.size());
        boolean clickHere = text.contains("CLICK HERE") || text.contains("HIER KLICKEN");
        return shouting || repeated || dominated || clickHere;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
