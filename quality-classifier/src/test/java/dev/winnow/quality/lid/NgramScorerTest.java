package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scorer counts repeated n-grams once and multiplies, mixes three posting layouts and drops
 * candidates after the bigrams; its sums are compared with a plain count of n-grams times postings.
 */
class NgramScorerTest {
    private static final int LANGUAGES = 30;
    private static final LidOptions OPTIONS = LidOptions.DEFAULT;

    /** n-gram -> postings (language -> score); inline, run and dense layouts all occur. */
    private final Map<String, int[]> model = new LinkedHashMap<>();
    private NgramTables ngrams;

    NgramScorerTest() {
        model.put("a", denseScores(3)); // 30 postings: a dense vector
        model.put("b", new int[] {ModelFile.posting(4, 50)}); // inline
        model.put("ж", new int[] {ModelFile.posting(5, 70)});
        model.put("ab", new int[] {ModelFile.posting(1, -20), ModelFile.posting(4, 9), ModelFile.posting(7, 11)});
        model.put("ba", new int[] {ModelFile.posting(2, 13), ModelFile.posting(4, -6)});
        model.put("bж", new int[] {ModelFile.posting(5, 1000)});
        model.put("aba", denseScores(7)); // dense at order 3: only the shortlist gets it
        model.put("bab", new int[] {ModelFile.posting(9, 33)});
        // Latin letters outside a-z take the hashed path, alone and mixed with a-z letters.
        model.put("é", new int[] {ModelFile.posting(6, 21)});
        model.put("aé", new int[] {ModelFile.posting(2, 5), ModelFile.posting(8, -3)});
        model.put("éb", new int[] {ModelFile.posting(3, 17)});
        model.put("béa", new int[] {ModelFile.posting(4, 40)});
        model.put("abé", new int[] {ModelFile.posting(11, 8), ModelFile.posting(12, 2)});
        // More dense vectors at orders 1 and 2, so that a text adds several in one order's sum.
        for (String gram : new String[] {"c", "d", "e", "f", "g", "ca", "ac", "cd", "dc", "ef", "fe"}) {
            model.put(gram, denseScores(gram.hashCode() % 13 + 1));
        }
        build();
    }

    private static int[] denseScores(int salt) {
        int[] p = new int[LANGUAGES];
        for (int l = 0; l < LANGUAGES; l++) {
            p[l] = ModelFile.posting(l, (l * salt) % 17 - 5);
        }
        return p;
    }

    private void build() {
        List<String> grams = new ArrayList<>(model.keySet());
        grams.sort((x, y) -> Integer.compare(x.codePointCount(0, x.length()), y.codePointCount(0, y.length())));
        long[] keys = new long[grams.size()];
        int[] starts = new int[grams.size() + 1];
        int[] orderStarts = new int[4];
        List<Integer> postings = new ArrayList<>();
        for (int i = 0; i < grams.size(); i++) {
            keys[i] = NgramHash.of(grams.get(i).codePoints().toArray());
            starts[i] = postings.size();
            Arrays.stream(model.get(grams.get(i))).forEach(postings::add);
            orderStarts[grams.get(i).codePointCount(0, grams.get(i).length())] = i + 1;
        }
        starts[grams.size()] = postings.size();
        int[] all = postings.stream().mapToInt(Integer::intValue).toArray();
        NgramTable.PostingRuns r = new NgramTable.PostingRuns();
        NgramTable.DenseVectors d = new NgramTable.DenseVectors(LANGUAGES, LanguageIdentifier.DENSE_MIN_POSTINGS);
        NgramTable[] tables = new NgramTable[4];
        for (int k = 1; k <= 3; k++) {
            tables[k] = new NgramTable(keys, orderStarts[k - 1], orderStarts[k], starts, all, r, d);
        }
        ngrams = new NgramTables(tables, r.toArray(), d.toArray(), LANGUAGES);
    }

    /** Plain reference: every n-gram (orders 1..maxOrder) within a word, each occurrence added. */
    private int[] reference(String text, int maxOrder, boolean latinOnly) {
        int[] scores = new int[LANGUAGES];
        for (String word : text.split(latinOnly ? "[^a-zé]+" : "[^a-zéа-я]+")) {
            for (int p = 0; p < word.length(); p++) {
                for (int k = 1; k <= Math.min(maxOrder, p + 1); k++) {
                    int[] postings = model.get(word.substring(p - k + 1, p + 1));
                    if (postings != null) {
                        for (int posting : postings) {
                            scores[ModelFile.language(posting)] += ModelFile.score(posting);
                        }
                    }
                }
            }
        }
        return scores;
    }

    private static boolean[] scripts(UnicodeScript... s) {
        boolean[] scored = new boolean[Scripts.count()];
        for (UnicodeScript x : s) {
            scored[x.ordinal()] = true;
        }
        return scored;
    }

    private static int[] all() {
        int[] c = new int[LANGUAGES];
        Arrays.setAll(c, i -> i);
        return c;
    }

    private NgramScorer scored(String text, int maxOrder, boolean[] scripts, int margin) {
        LetterBuffer letters = new LetterBuffer(OPTIONS);
        letters.read(text, OPTIONS);
        NgramScorer scorer = new NgramScorer(LANGUAGES, letters.codePoints.length);
        scorer.score(letters, ngrams, scripts, maxOrder, all(), margin, 0, LANGUAGES);
        return scorer;
    }

    @Test
    void scoresAreTheSumOfPostingsOfEveryNgramOccurrence() {
        String text = "abab ab, Abab! ba bab";
        for (int order = 1; order <= 3; order++) {
            NgramScorer s = scored(text, order, scripts(UnicodeScript.LATIN), Integer.MAX_VALUE / 2);
            assertEquals(Arrays.toString(reference(text.toLowerCase(), order, true)), Arrays.toString(s.scores),
                    "order " + order);
        }
    }

    @Test
    void directAndHashedCountsAddUpAsThePlainReference() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "aabbcdefgéжAB ,"; // c-g: dense vectors, more than four per order
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            for (int order = 1; order <= 3; order++) {
                NgramScorer s = scored(t, order, scripts(UnicodeScript.LATIN, UnicodeScript.CYRILLIC), Integer.MAX_VALUE / 2);
                assertEquals(Arrays.toString(reference(t.toLowerCase(), order, false)), Arrays.toString(s.scores),
                        "\"" + t + "\", order " + order);
            }
        }
    }

    @Test
    void lettersOfUnscoredScriptsBreakWords() {
        String text = "abжab bж";
        NgramScorer latin = scored(text, 3, scripts(UnicodeScript.LATIN), Integer.MAX_VALUE / 2);
        assertEquals(Arrays.toString(reference(text, 3, true)), Arrays.toString(latin.scores));
        NgramScorer both = scored(text, 3, scripts(UnicodeScript.LATIN, UnicodeScript.CYRILLIC), Integer.MAX_VALUE / 2);
        assertEquals(Arrays.toString(reference(text, 3, false)), Arrays.toString(both.scores));
        assertTrue(both.scores[5] >= 2 * 1000, "the bigram \"bж\" counts once both scripts are scored");
    }

    @Test
    void scorerIsReusableBetweenTexts() {
        LetterBuffer letters = new LetterBuffer(OPTIONS);
        NgramScorer scorer = new NgramScorer(LANGUAGES, letters.codePoints.length);
        boolean[] latin = scripts(UnicodeScript.LATIN);
        for (String text : new String[] {"abab bab", "ba", "aaaa aaaa aaaa", "abab bab"}) {
            letters.read(text, OPTIONS);
            scorer.score(letters, ngrams, latin, 3, all(), Integer.MAX_VALUE / 2, 0, LANGUAGES);
            assertEquals(Arrays.toString(reference(text, 3, true)), Arrays.toString(scorer.scores), text);
        }
    }

    @Test
    void shortlistKeepsCandidatesWithinTheMarginAfterTheBigrams() {
        String text = "abab bab";
        int[] bigramScores = reference(text, 2, true);
        int best = Arrays.stream(bigramScores).max().orElseThrow();
        int[] sorted = bigramScores.clone();
        Arrays.sort(sorted);
        int margin = best - sorted[LANGUAGES / 2]; // about half the languages survive
        LetterBuffer letters = new LetterBuffer(OPTIONS);
        letters.read(text, OPTIONS);
        NgramScorer scorer = new NgramScorer(LANGUAGES, letters.codePoints.length);
        int n = scorer.score(letters, ngrams, scripts(UnicodeScript.LATIN), 3, all(), margin, 0, LANGUAGES);
        int[] expectedActive = Arrays.stream(all()).filter(l -> bigramScores[l] >= best - margin).toArray();
        assertTrue(expectedActive.length > 1 && expectedActive.length < LANGUAGES, "the test needs a real cut");
        assertEquals(Arrays.toString(expectedActive), Arrays.toString(Arrays.copyOf(scorer.active, n)));
        // The shortlisted languages get their full order-3 scores, dense vector included.
        int[] full = reference(text, 3, true);
        for (int l : expectedActive) {
            assertEquals(full[l], scorer.scores[l], "language " + l);
        }
    }

    @Test
    void aSingleSurvivorOfTheShortlistEndsTheScoring() {
        String text = "abab bab";
        int[] bigramScores = reference(text, 2, true);
        int best = Arrays.stream(bigramScores).max().orElseThrow();
        assertEquals(1, Arrays.stream(bigramScores).filter(x -> x == best).count(), "the test needs one best");
        LetterBuffer letters = new LetterBuffer(OPTIONS);
        letters.read(text, OPTIONS);
        NgramScorer scorer = new NgramScorer(LANGUAGES, letters.codePoints.length);
        int n = scorer.score(letters, ngrams, scripts(UnicodeScript.LATIN), 3, all(), 0, 0, LANGUAGES);
        assertEquals(1, n);
        assertEquals(best, scorer.scores[scorer.active[0]], "the trigrams were not added");
        assertTrue(best != reference(text, 3, true)[scorer.active[0]], "the trigrams would change its score");
    }

    @Test
    void denseVectorsOnlyReachTheCandidateRange() {
        LetterBuffer letters = new LetterBuffer(OPTIONS);
        letters.read("a", OPTIONS);
        NgramScorer scorer = new NgramScorer(LANGUAGES, letters.codePoints.length);
        int[] candidates = {10, 11, 12};
        scorer.score(letters, ngrams, scripts(UnicodeScript.LATIN), 1, candidates, 0, 10, 13);
        int[] a = reference("a", 1, true);
        for (int l = 0; l < LANGUAGES; l++) {
            assertEquals(l >= 10 && l < 13 ? a[l] : 0, scorer.scores[l], "language " + l);
        }
    }
}
