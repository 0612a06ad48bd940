package dev.winnow.jobs.bench;

import dev.winnow.jobs.ingest.LocalTextFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The real text {@link NearDupCorpus} builds documents from: families of source documents, one
 * per (file, language), each source document an array of sentences in their original order, so a
 * generated document stays in one language. A family has a weight: the share of generated
 * documents written in it; a file's weight is split over its languages by sentence count. The
 * language is the record's {@code lang} field, the LID label, or else a guess from common words
 * ({@link #guessLanguage}: the Europarl excerpts are unlabelled and mix 21 languages).
 *
 * <p>Read from the shared data folder ({@link #load}), or from sentences given in code
 * ({@link #of}) so tests need no data.
 */
public final class SourceText {
    /** A family: its name, weight and source documents (sentences in order). */
    public record Family(String name, double weight, List<String[]> docs) {
        public Family {
            docs = List.copyOf(docs);
            if (docs.isEmpty()) {
                throw new IllegalArgumentException("family " + name + " has no documents");
            }
        }

        int sentenceCount() {
            int n = 0;
            for (String[] d : docs) {
                n += d.length;
            }
            return n;
        }
    }

    /** The JSONL families of the data folder and their weights; the LID sentences are the rest. */
    static final Map<String, Double> JSONL_FAMILIES = new LinkedHashMap<>();
    static final String LID_FILE = "lid/lid_lingua_sentences.tsv.gz";
    static final double LID_WEIGHT = 0.12;

    static {
        JSONL_FAMILIES.put("quality/europarl_docs.jsonl.gz", 0.52);
        JSONL_FAMILIES.put("quality/hq_kjv_bible_chapters.jsonl.gz", 0.14);
        JSONL_FAMILIES.put("quality/hq_gutenberg_chunks.jsonl.gz", 0.12);
        JSONL_FAMILIES.put("quality/hq_wikitext2_articles.jsonl.gz", 0.10);
    }

    /** Sentence ends: after . ! ? (and their CJK forms), before whitespace. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？])\\s+");
    /** Paragraph breaks in the sources: newlines, or runs of 3+ spaces (Europarl). */
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\s*\\n\\s*|\\s{3,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCT = Pattern.compile("^\\p{Punct}+|\\p{Punct}+$");

    private final List<Family> families;

    private SourceText(List<Family> families) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no source text");
        }
        this.families = List.copyOf(families);
    }

    public List<Family> families() {
        return families;
    }

    public int sentenceCount() {
        int n = 0;
        for (Family f : families) {
            n += f.sentenceCount();
        }
        return n;
    }

    /** One family from sentences given in code: every {@code perDoc} consecutive sentences form a source document. */
    public static SourceText of(List<String> sentences, int perDoc) {
        List<String[]> docs = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i += perDoc) {
            docs.add(sentences.subList(i, Math.min(sentences.size(), i + perDoc)).toArray(String[]::new));
        }
        return new SourceText(List.of(new Family("inline", 1.0, docs)));
    }

    /** Families as given (weights need not sum to 1). */
    public static SourceText of(List<Family> families) {
        return new SourceText(families);
    }

    /**
     * The families of the shared data folder: Europarl, KJV, Gutenberg and WikiText documents
     * split into sentences, and the LID sentences grouped by language. Files that are missing are
     * skipped; none at all is an error.
     */
    public static SourceText load(Path data) throws IOException {
        List<Family> families = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, Double> e : JSONL_FAMILIES.entrySet()) {
            Path file = data.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Map<String, List<String[]>> byLang = new java.util.TreeMap<>();
            try (BufferedReader r = LocalTextFiles.reader(file)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode record = json.readTree(line);
                    JsonNode t = record.get("text");
                    if (t != null && t.isTextual()) {
                        String[] sentences = sentences(t.textValue());
                        if (sentences.length > 0) {
                            JsonNode lang = record.get("lang");
                            String key = lang != null && lang.isTextual() ? lang.textValue()
                                    : guessLanguage(t.textValue());
                            byLang.computeIfAbsent(key, k -> new ArrayList<>()).add(sentences);
                        }
                    }
                }
            }
            addSplit(families, familyName(e.getKey()), e.getValue(), byLang);
        }
        Path lid = data.resolve(LID_FILE);
        if (Files.isRegularFile(lid)) {
            Map<String, List<String>> byLang = new LinkedHashMap<>();
            try (BufferedReader r = LocalTextFiles.reader(lid)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        String s = SPACES.matcher(line.substring(tab + 1)).replaceAll(" ").trim();
                        if (!s.isEmpty()) {
                            byLang.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(s);
                        }
                    }
                }
            }
            Map<String, List<String[]>> docs = new java.util.TreeMap<>();
            byLang.forEach((lang, l) -> docs.put(lang, List.<String[]>of(l.toArray(String[]::new))));
            addSplit(families, "lid", LID_WEIGHT, docs);
        }
        if (families.isEmpty()) {
            throw new IOException("no source text under " + data + " (expected " + JSONL_FAMILIES.keySet() + " or "
                    + LID_FILE + ")");
        }
        return new SourceText(families);
    }

    /** One family per language, the weight split by sentence count. */
    private static void addSplit(List<Family> families, String name, double weight, Map<String, List<String[]>> byLang) {
        long total = 0;
        for (List<String[]> docs : byLang.values()) {
            for (String[] d : docs) {
                total += d.length;
            }
        }
        for (Map.Entry<String, List<String[]>> e : byLang.entrySet()) {
            long n = 0;
            for (String[] d : e.getValue()) {
                n += d.length;
            }
            families.add(new Family(name + "/" + e.getKey(), weight * n / total, e.getValue()));
        }
    }

    /** Distinctive common words of the Europarl languages (Greek and Bulgarian are told by their script). */
    private static final Map<String, String> COMMON_WORDS = new java.util.HashMap<>();

    static {
        String[][] table = {
            {"da", "og ikke af til er jeg vil skal også mener"},
            {"de", "und der die nicht ist ich wir das auch werden"},
            {"en", "the and of is that we this have are which"},
            {"es", "el los las y del por una con para este"},
            {"fi", "ja on että ei myös ovat tämä mutta kuin olla"},
            {"fr", "le les et des est nous pas une du dans"},
            {"it", "il di che della per non è sono gli anche"},
            {"nl", "het van een niet wij zijn ook voor dit wordt"},
            {"pt", "não os uma do em ao pela mais são também"},
            {"sv", "och att är inte för jag också som har detta"},
            {"cs", "které jsou také není že se pro bylo"},
            {"sk", "ktoré sú aj sa pre nie bolo tiež"},
            {"pl", "się jest oraz które przez bardzo tym również"},
            {"hu", "az és hogy nem egy van kell ez meg csak"},
            {"ro", "și în care pentru această sunt cu nu fost mai"},
            {"lt", "ir kad yra bet dėl kaip tai šiuo jos būtų"},
            {"lv", "un arī lai tas šo par kas nav būtu ka"},
            {"et", "ning see kui mis selle oleks seda peab"},
            {"sl", "in tudi ki da za so bi"},
        };
        for (String[] row : table) {
            for (String w : row[1].split(" ")) {
                COMMON_WORDS.putIfAbsent(w, row[0]);
            }
        }
    }

    /** The language of a text by its most frequent distinctive common words, Greek and Cyrillic by script; "xx" if unsure. */
    static String guessLanguage(String text) {
        Map<String, Integer> votes = new java.util.HashMap<>();
        int greek = 0;
        int cyrillic = 0;
        int letters = 0;
        for (String w : SPACES.split(text.toLowerCase(java.util.Locale.ROOT))) {
            String lang = COMMON_WORDS.get(EDGE_PUNCT.matcher(w).replaceAll(""));
            if (lang != null) {
                votes.merge(lang, 1, Integer::sum);
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.GREEK) {
                    greek++;
                } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC) {
                    cyrillic++;
                }
            }
        }
        if (greek * 2 > letters) {
            return "el";
        }
        if (cyrillic * 2 > letters) {
            return "bg";
        }
        String best = "xx";
        int most = 2;
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(votes).entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /** A text's sentences, whitespace runs as one space; fragments under 20 characters join the sentence before. */
    static String[] sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String paragraph : PARAGRAPH_BREAK.split(text)) {
            for (String s : SENTENCE_END.split(paragraph)) {
                String t = SPACES.matcher(s).replaceAll(" ").trim();
                if (t.isEmpty() || t.codePoints().noneMatch(Character::isLetterOrDigit)) {
                    continue;
                }
                if (t.length() < 20 && !out.isEmpty()) {
                    out.set(out.size() - 1, out.get(out.size() - 1) + " " + t);
                } else {
                    out.add(t);
                }
            }
        }
        return out.toArray(String[]::new);
    }

    private static String familyName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.substring(0, name.indexOf('.'));
    }
}
