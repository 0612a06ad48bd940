package dev.winnow.jobs.ingest.html;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Main-text extraction with Pomikálek's jusText algorithm, the boilerplate filter used for
 * Pile-CC style Common Crawl corpora.
 *
 * <p>The page is split into block-level paragraphs, each paragraph is classified from its length,
 * link density and stop-word density, and the undecided ones are settled from their neighbours.
 * Instead of a separate language detector, the stop-word list is the candidate with the highest
 * stop-word density over the whole page, which is what makes one extractor usable on a
 * multilingual crawl.
 *
 * <p>Instances are immutable, thread-safe and {@link Serializable} (stop-word lists are resolved
 * from a per-JVM cache, not shipped).
 */
public final class JusTextExtractor implements Serializable {

    private static final long serialVersionUID = 1L;

    private final JusTextParams params;
    private final List<String> languages;

    /**
     * @param params classifier thresholds, e.g. {@link JusTextParams#defaults()}
     * @param languages candidate ISO 639-1 codes in order of preference (ties go to the earlier)
     * @throws IllegalArgumentException if the list is empty or names a language without a list
     */
    public JusTextExtractor(JusTextParams params, List<String> languages) {
        this.params = Objects.requireNonNull(params, "params");
        Objects.requireNonNull(languages, "languages");
        if (languages.isEmpty()) {
            throw new IllegalArgumentException(
                    "languages must not be empty; available: " + StopWords.languages());
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String iso : languages) {
            codes.add(StopWords.forLanguage(iso).language()); // validates and normalises
        }
        this.languages = List.copyOf(codes);
    }

    public JusTextParams params() {
        return params;
    }

    /** The normalised candidate languages, duplicates removed, in preference order. */
    public List<String> languages() {
        return languages;
    }

    /** Extracts the main text of an HTML string; never throws, {@code null} counts as empty. */
    public Extraction extract(String html) {
        if (html == null || html.isBlank()) {
            return Extraction.empty();
        }
        return extract(Jsoup.parse(html));
    }

    /** Extracts the main text of an already parsed page. The document is not modified. */
    public Extraction extract(Document doc) {
        if (doc == null) {
            return Extraction.empty();
        }
        List<Paragraph> paragraphs = ParagraphSplitter.split(doc);
        Choice choice = annotate(paragraphs);
        String language = choice == null ? null : choice.language();
        new ParagraphClassifier(params).classify(paragraphs);
        if (choice != null && choice.density() < params.stopwordsLow() && paragraphs.stream().noneMatch(Paragraph::isGood)) {
            // None of the lists fits the page (a language we have no list for, e.g. Aragonese or
            // Chinese): as jusText advises for unknown languages, judge without stop words rather
            // than drop the page; language identification decides about it later.
            new ParagraphClassifier(params.languageIndependent()).classify(paragraphs);
        }

        StringBuilder text = new StringBuilder();
        int good = 0;
        for (Paragraph p : paragraphs) {
            if (p.isGood()) {
                if (good++ > 0) {
                    text.append("\n\n");
                }
                text.append(p.text);
            }
        }
        return new Extraction(text.toString(), language, paragraphs.size(), good);
    }

    /** The classified paragraphs of a page, for tests and debugging. */
    List<Paragraph> classifiedParagraphs(String html) {
        List<Paragraph> paragraphs = ParagraphSplitter.split(Jsoup.parse(html == null ? "" : html));
        annotate(paragraphs);
        new ParagraphClassifier(params).classify(paragraphs);
        return paragraphs;
    }

    /**
     * Counts words and stop words for every candidate, picks the language whose list covers the
     * largest share of the page's words, and stores that language's counts on each paragraph.
     *
     * @return the chosen language and its page-level stop-word density, or {@code null} when the
     *     page has no words
     */
    private Choice annotate(List<Paragraph> paragraphs) {
        List<StopWords> lists = new ArrayList<>(languages.size());
        for (String code : languages) {
            lists.add(StopWords.forLanguage(code));
        }
        StopWordCounter counter = new StopWordCounter(lists);
        int[][] perParagraph = new int[paragraphs.size()][];
        long[] totals = new long[lists.size()];
        long words = 0;
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph p = paragraphs.get(i);
            int[] counts = new int[lists.size()];
            p.wordCount = counter.count(p.text, counts);
            perParagraph[i] = counts;
            words += p.wordCount;
            for (int k = 0; k < counts.length; k++) {
                totals[k] += counts[k];
            }
        }
        if (words == 0) {
            return null;
        }
        // Same denominator for every candidate, so the highest count is the highest density;
        // strict ">" keeps the earliest candidate on ties.
        int best = 0;
        for (int k = 1; k < totals.length; k++) {
            if (totals[k] > totals[best]) {
                best = k;
            }
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            paragraphs.get(i).stopWordCount = perParagraph[i][best];
        }
        return new Choice(languages.get(best), (double) totals[best] / words);
    }

    private record Choice(String language, double density) {
    }
}
