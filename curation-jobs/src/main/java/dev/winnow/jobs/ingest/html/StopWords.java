package dev.winnow.jobs.ingest.html;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.snowball.SnowballFilter;

/**
 * A language's stop-word list, taken from the Snowball lists bundled in lucene-analysis-common.
 *
 * <p>Why Lucene's lists: they are already on the classpath, curated per language, and stable
 * across releases, so extraction results do not depend on a file we would have to maintain.
 * Lists are loaded on first use and cached for the JVM's lifetime (one copy per executor).
 */
public final class StopWords {

    private static final String RESOURCE_DIR = "/org/apache/lucene/analysis/snowball/";

    /** ISO 639-1 code to the Snowball file's language name. Sorted for stable error messages. */
    private static final Map<String, String> FILES = sortedFiles();

    private static final Map<String, StopWords> CACHE = new ConcurrentHashMap<>();

    private final String language;
    private final Set<String> words;
    private final int maxWordLength;

    private StopWords(String language, Set<String> words) {
        this.language = language;
        this.words = words;
        this.maxWordLength = words.stream().mapToInt(String::length).max().orElse(0);
    }

    /**
     * The stop words for an ISO 639-1 code (case-insensitive, e.g. {@code "en"}).
     *
     * @throws IllegalArgumentException for a code with no bundled list; the message lists the codes
     *     that are available
     */
    public static StopWords forLanguage(String iso) {
        String code = iso == null ? null : iso.trim().toLowerCase(Locale.ROOT);
        if (code == null || !FILES.containsKey(code)) {
            throw new IllegalArgumentException(
                    "No stop-word list for language '" + iso + "'; available: " + FILES.keySet());
        }
        // computeIfAbsent makes concurrent first calls load the file once.
        return CACHE.computeIfAbsent(code, c -> new StopWords(c, load(FILES.get(c))));
    }

    /** The ISO 639-1 codes accepted by {@link #forLanguage(String)}, sorted. */
    public static Set<String> languages() {
        return FILES.keySet();
    }

    /** Whether the word, already lower-cased with {@link Locale#ROOT}, is a stop word. */
    public boolean contains(String lowercasedWord) {
        return lowercasedWord != null && words.contains(lowercasedWord);
    }

    /** The ISO 639-1 code of this list. */
    public String language() {
        return language;
    }

    /** Number of distinct words in the list. */
    public int size() {
        return words.size();
    }

    /** Length in UTF-16 units of the longest word; lets tokenisers skip hopeless lookups. */
    int maxWordLength() {
        return maxWordLength;
    }

    @Override
    public String toString() {
        return "StopWords[" + language + ", " + words.size() + " words]";
    }

    private static Map<String, String> sortedFiles() {
        TreeMap<String, String> m = new TreeMap<>();
        m.put("da", "danish");
        m.put("de", "german");
        m.put("en", "english");
        m.put("es", "spanish");
        m.put("fi", "finnish");
        m.put("fr", "french");
        m.put("hu", "hungarian");
        m.put("id", "indonesian");
        m.put("it", "italian");
        m.put("nl", "dutch");
        m.put("no", "norwegian");
        m.put("pt", "portuguese");
        m.put("ru", "russian");
        m.put("sv", "swedish");
        return Collections.unmodifiableSortedMap(m);
    }

    private static Set<String> load(String name) {
        String resource = RESOURCE_DIR + name + "_stop.txt";
        // Resolve through a class of lucene-analysis-common so the jar that owns the file is searched
        // even under a child-first (Spark user) class loader.
        InputStream in = SnowballFilter.class.getResourceAsStream(resource);
        if (in == null) {
            in = StopWords.class.getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalStateException("Missing stop-word resource " + resource);
        }
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return Set.copyOf(parseSnowball(r));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Snowball format: {@code |} starts a comment, words are separated by whitespace. */
    static Set<String> parseSnowball(BufferedReader reader) throws IOException {
        Objects.requireNonNull(reader);
        Set<String> out = new HashSet<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int bar = line.indexOf('|');
            String content = (bar >= 0 ? line.substring(0, bar) : line).replace("\uFEFF", "");
            for (String w : content.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
