package dev.winnow.quality.lid;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Identifies the language of a text: 75 languages, ISO 639-1 codes, pure Java and thread-safe.
 *
 * <p>How it decides: the letters of the text (lowercased; digits, punctuation and symbols are
 * word breaks) are grouped by Unicode script. The script with the most text (in UTF-8 bytes)
 * names the candidates: a script only one language is written in decides alone (Greek, Hangul,
 * Thai…); otherwise each candidate's character Markov model with backoff (orders 1 to 5,
 * {@link LinguaModelCompiler}) scores the letters and the scores become probabilities.
 * Long texts are sampled ({@link TextSample}), so the cost per document is bounded.
 */
public final class LanguageIdentifier {
    public static final String MODEL_RESOURCE = "/winnow/lid/ngram-model.bin";

    /** N-grams with at least this many languages are stored as dense vectors. */
    static final int DENSE_MIN_POSTINGS = 24;

    private static final int HAN = UnicodeScript.HAN.ordinal();
    private static final int HIRAGANA = UnicodeScript.HIRAGANA.ordinal();
    private static final int KATAKANA = UnicodeScript.KATAKANA.ordinal();

    private static volatile LanguageIdentifier shared;
    private static volatile ModelFile.Header shippedHeader;

    /** The model's source and languages; its n-gram arrays live on only in the tables below. */
    private final ModelFile.Header model;
    /** Per language: the scripts it is written in. */
    private final List<List<String>> scripts;
    /** One table per n-gram order (the small low orders stay in cache), postings, dense vectors. */
    private final NgramTables ngrams;
    private final LidOptions options;
    private final String[] languages;
    /** Per script ordinal: the candidate languages written in it (empty when none). */
    private final int[][] candidates;
    /** Per script ordinal: which scripts the letters scored for those candidates may be in. */
    private final boolean[][] scoredScripts;
    /** Candidates for Han text without kana: the Han languages not also written in kana. */
    private final int[] hanWithoutKana;
    private final ThreadLocal<Scratch> scratch;

    private LanguageIdentifier(ModelFile.Header model, List<List<String>> scripts, NgramTables ngrams,
            LidOptions options) {
        this.model = model;
        this.scripts = scripts;
        this.ngrams = ngrams;
        this.options = options;
        this.languages = model.languages().toArray(String[]::new);
        int scriptCount = Scripts.count();
        this.candidates = new int[scriptCount][];
        this.scoredScripts = new boolean[scriptCount][];
        for (int script = 0; script < scriptCount; script++) {
            String name = Scripts.ALL[script].name();
            List<Integer> written = new ArrayList<>();
            boolean[] scored = new boolean[scriptCount];
            for (int lang = 0; lang < languages.length; lang++) {
                if (scripts.get(lang).contains(name)) {
                    written.add(lang);
                    for (String s : scripts.get(lang)) {
                        scored[UnicodeScript.valueOf(s).ordinal()] = true;
                    }
                }
            }
            candidates[script] = written.stream().mapToInt(Integer::intValue).toArray();
            scoredScripts[script] = scored;
        }
        this.hanWithoutKana = Arrays.stream(candidates[HAN])
                .filter(lang -> !scripts.get(lang).contains(UnicodeScript.HIRAGANA.name())
                        && !scripts.get(lang).contains(UnicodeScript.KATAKANA.name()))
                .toArray();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(options, languages.length));
    }

    /** The model shipped in this jar, loaded once per JVM (about 3 s, 160 MB), default options. */
    public static LanguageIdentifier shared() {
        LanguageIdentifier result = shared;
        if (result == null) {
            synchronized (LanguageIdentifier.class) {
                result = shared;
                if (result == null) {
                    shared = result = load(LidOptions.DEFAULT);
                }
            }
        }
        return result;
    }

    /** The shipped model's source and languages, read from its header only (fast). */
    public static ModelFile.Header shippedModel() {
        ModelFile.Header header = shippedHeader;
        if (header == null) {
            try (InputStream in = openShipped()) {
                shippedHeader = header = ModelFile.readHeader(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read language model " + MODEL_RESOURCE, e);
            }
        }
        return header;
    }

    private static InputStream openShipped() {
        InputStream in = LanguageIdentifier.class.getResourceAsStream(MODEL_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("language model " + MODEL_RESOURCE
                    + " is not on the classpath; it is built by quality-classifier (mvn package)");
        }
        return new BufferedInputStream(in, 1 << 20);
    }

    /** Loads the shipped model with the given options. */
    public static LanguageIdentifier load(LidOptions options) {
        try (InputStream in = openShipped()) {
            return load(ModelFile.read(in), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read language model " + MODEL_RESOURCE, e);
        }
    }

    public static LanguageIdentifier load(ModelFile file, LidOptions options) {
        ModelFile model = file.groupedByScript();
        int[] orderStarts = model.orderStarts();
        NgramTable[] tables = new NgramTable[orderStarts.length];
        NgramTable.PostingRuns runs = new NgramTable.PostingRuns();
        NgramTable.DenseVectors dense = new NgramTable.DenseVectors(model.languages().size(), DENSE_MIN_POSTINGS);
        for (int k = 1; k < orderStarts.length; k++) {
            tables[k] = new NgramTable(model.keys(), orderStarts[k - 1], orderStarts[k], model.postingStarts(),
                    model.postings(), runs, dense);
        }
        return new LanguageIdentifier(new ModelFile.Header(model.source(), model.languages()), model.scripts(),
                new NgramTables(tables, runs.toArray(), dense.toArray(), model.languages().size()), options);
    }

    /** Same model (no reload), other options. */
    public LanguageIdentifier withOptions(LidOptions other) {
        return new LanguageIdentifier(model, scripts, ngrams, other);
    }

    public LidOptions options() {
        return options;
    }

    public List<String> languages() {
        return List.of(languages);
    }

    public String modelSource() {
        return model.source();
    }

    public long modelMemoryBytes() {
        return ngrams.memoryBytes();
    }

    public Detection detect(CharSequence text) {
        return detect(text, options.topK());
    }

    public Detection detect(CharSequence text, int topK) {
        if (text == null || text.length() == 0) {
            return Detection.NONE;
        }
        Scratch s = scratch.get();
        LetterBuffer letters = s.letters;
        if (letters.read(text, options) == 0) {
            return Detection.NONE;
        }
        int script = letters.dominantScript();
        int[] candidateLanguages = candidates[script];
        if (script == HAN && letters.scriptBytes[HIRAGANA] + letters.scriptBytes[KATAKANA] == 0) {
            candidateLanguages = hanWithoutKana; // Japanese writes kana in any sentence; Han alone is Chinese
        }
        if (candidateLanguages.length == 0) {
            return Detection.NONE;
        }
        boolean[] scored = scoredScripts[script];
        double share = letters.shareOf(scored);
        if (candidateLanguages.length == 1) {
            String only = languages[candidateLanguages[0]];
            return new Detection(only, share, List.of(new LanguageScore(only, 1.0)), letters.letters);
        }
        int order = letters.letters <= options.shortTextLetters() ? options.maxOrder() : options.longTextOrder();
        // Clamped: a margin wider than any possible score gap shortlists everyone; never overflow.
        int margin = (int) Math.min(1 << 30, Math.round(ModelFile.SCALE
                * (options.shortlistMargin() + options.shortlistMarginPerLetter() * letters.letters)));
        int shortlisted = s.scorer.score(letters, ngrams, scored, Math.min(order, ngrams.maxOrder()),
                candidateLanguages, margin, candidateLanguages[0], candidateLanguages[candidateLanguages.length - 1] + 1);
        return decide(s.scorer.scores, Arrays.copyOf(s.scorer.active, shortlisted), share, topK, letters.letters);
    }

    /** Turns the candidates' log-likelihoods into probabilities; the best {@code topK}, best first. */
    private Detection decide(int[] scores, int[] candidateLanguages, double share, int topK, int letterCount) {
        int k = Math.min(Math.max(1, topK), candidateLanguages.length);
        int[] top = new int[k];
        int found = 0;
        // Selection of the k best; ties go to the lower language index, so results are deterministic.
        for (int lang : candidateLanguages) {
            int at = found < k ? found++ : k;
            while (at > 0 && scores[lang] > scores[top[at - 1]]) {
                if (at < k) {
                    top[at] = top[at - 1];
                }
                at--;
            }
            if (at < k) {
                top[at] = lang;
            }
        }
        double best = scores[top[0]];
        double scale = ModelFile.SCALE * options.temperature();
        double total = 0;
        for (int lang : candidateLanguages) {
            total += Math.exp((scores[lang] - best) / scale);
        }
        List<LanguageScore> result = new ArrayList<>(k);
        for (int lang : top) {
            result.add(new LanguageScore(languages[lang], Math.exp((scores[lang] - best) / scale) / total));
        }
        LanguageScore first = result.get(0);
        return new Detection(first.language(), first.probability() * share, List.copyOf(result), letterCount);
    }

    /** Per-thread buffers, so detection allocates little besides its result. */
    private static final class Scratch {
        final LetterBuffer letters;
        final NgramScorer scorer;

        Scratch(LidOptions options, int languageCount) {
            letters = new LetterBuffer(options);
            scorer = new NgramScorer(languageCount, letters.codePoints.length);
        }
    }
}
