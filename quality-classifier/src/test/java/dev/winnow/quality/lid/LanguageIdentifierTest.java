package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The detector on the shipped model, loaded once for the class (it takes a couple of seconds). */
class LanguageIdentifierTest {
    private static final LanguageIdentifier LID = LanguageIdentifier.shared();

    private static final String ENGLISH = "The children walked to school together while their parents talked about the weather.";

    /** One plain sentence per language, written for these tests. */
    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of("en", ENGLISH),
                Arguments.of("de", "Die Kinder gingen gemeinsam zur Schule, während ihre Eltern über das Wetter sprachen."),
                Arguments.of("fr", "Les enfants sont allés à l'école ensemble pendant que leurs parents parlaient du temps."),
                Arguments.of("es", "Los niños caminaron juntos a la escuela mientras sus padres hablaban del tiempo."),
                Arguments.of("it", "I bambini sono andati a scuola insieme mentre i loro genitori parlavano del tempo."),
                Arguments.of("nl", "De kinderen liepen samen naar school terwijl hun ouders over het weer praatten."),
                Arguments.of("pl", "Dzieci poszły razem do szkoły, a ich rodzice rozmawiali o pogodzie."),
                Arguments.of("ru", "Дети вместе пошли в школу, а их родители обсуждали погоду."),
                Arguments.of("uk", "Діти разом пішли до школи, а їхні батьки обговорювали погоду."),
                Arguments.of("el", "Τα παιδιά πήγαν μαζί στο σχολείο ενώ οι γονείς τους μιλούσαν για τον καιρό."),
                Arguments.of("ar", "ذهب الأطفال إلى المدرسة معا بينما كان آباؤهم يتحدثون عن الطقس."),
                Arguments.of("hi", "बच्चे एक साथ स्कूल गए जबकि उनके माता-पिता मौसम के बारे में बात कर रहे थे।"),
                // Han only: Chinese (Japanese always has kana).
                Arguments.of("zh", "孩子们一起去上学，他们的父母在谈论天气。"),
                // Mostly kana: Japanese by script alone.
                Arguments.of("ja", "子供たちは一緒に学校へ行き、両親は天気について話していました。"),
                // Mostly Han with some kana: ja and zh are both candidates and the n-grams decide.
                Arguments.of("ja", "東京都内の大学図書館で日本文学史の講義資料を閲覧した。"),
                Arguments.of("ko", "아이들은 함께 학교에 갔고 부모님은 날씨에 대해 이야기했습니다."));
    }

    private static List<String> allSentences() {
        return sentences().map(a -> (String) a.get()[1]).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("sentences")
    void clearSentencesAreDetected(String language, String text) {
        Detection d = LID.detect(text);
        assertEquals(language, d.language(), d::toString);
        assertTrue(d.determined());
        assertTrue(d.confidence() > 0.5, d::toString);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t", "12345 !!! ??", "@#$%^&*", "😀😀 ✓✓ ☂", "ሰላም ለዓለም", "ーーー"})
    void textWithoutKnownLettersIsUndetermined(String text) {
        Detection d = LID.detect(text);
        assertEquals(Detection.UNDETERMINED, d.language());
        assertEquals(0.0, d.confidence());
        assertTrue(d.top().isEmpty());
        assertFalse(d.determined());
        assertEquals(d, LID.detect(text, 5));
    }

    @Test
    void topCandidatesAreSortedBoundedAndNormalised() {
        List<String> texts = new ArrayList<>(allSentences());
        texts.add("ja nein oui non si no yes"); // ambiguous on purpose
        texts.add("Привет mir");
        for (String text : texts) {
            for (int k : new int[] {1, 2, 3, 5, 100}) {
                Detection d = LID.detect(text, k);
                List<LanguageScore> top = d.top();
                assertTrue(!top.isEmpty() && top.size() <= k, text + " k=" + k);
                assertEquals(d.language(), top.get(0).language());
                double sum = 0;
                for (int i = 0; i < top.size(); i++) {
                    double p = top.get(i).probability();
                    assertTrue(p >= 0 && p <= 1, text + ": " + p);
                    if (i > 0) {
                        assertTrue(p <= top.get(i - 1).probability(), text + ": not sorted " + top);
                    }
                    sum += p;
                }
                assertTrue(sum <= 1 + 1e-9, text + ": sum " + sum);
                assertTrue(d.confidence() <= top.get(0).probability() + 1e-12);
                assertEquals(new HashSet<>(top.stream().map(LanguageScore::language).toList()).size(), top.size(),
                        "no language twice");
            }
        }
    }

    @Test
    void smallerTopKIsAPrefixOfTheLargerOne() {
        Detection five = LID.detect("ja nein oui non si no yes", 5);
        Detection two = LID.detect("ja nein oui non si no yes", 2);
        assertEquals(five.top().subList(0, two.top().size()), two.top());
        assertEquals(1, LID.detect(ENGLISH, 0).top().size(), "topK below 1 still gives the best");
        assertEquals(LidOptions.DEFAULT.topK(), LID.detect("ja nein oui non si no yes").top().size());
    }

    @Test
    void confidenceIsTheTopProbabilityForSingleScriptText() {
        for (String text : allSentences()) {
            Detection d = LID.detect(text);
            assertEquals(d.top().get(0).probability(), d.confidence(), 0.0, text);
        }
    }

    @Test
    void mixedScriptTextIsDiscountedByTheShareOfItsScript() {
        String cyrillic = "Сегодня утром мы долго гуляли по парку и разговаривали"; // 46 letters, 2 bytes each
        String latin = "with our old friends"; // 17 letters, 1 byte each
        Detection d = LID.detect(cyrillic + " " + latin);
        assertTrue(Set.of("ru", "uk", "be", "bg", "mk", "sr", "kk", "mn").contains(d.language()), d::toString);
        double share = 46 * 2 / (46 * 2 + 17.0);
        assertEquals(d.top().get(0).probability() * share, d.confidence(), 1e-12);
        assertTrue(d.confidence() < d.top().get(0).probability());
        assertEquals(63, d.letters());
    }

    @Test
    void uppercaseAndOtherCharSequencesGiveTheSameAnswer() {
        Detection plain = LID.detect(ENGLISH);
        assertEquals(plain, LID.detect(new StringBuilder(ENGLISH)));
        assertEquals("en", LID.detect(ENGLISH.toUpperCase(java.util.Locale.ROOT)).language());
        assertEquals(10, LID.detect("Hello, World!").letters());
    }

    private static final String[] GERMAN = {
        "Am Morgen fuhr ich mit dem Fahrrad durch den Wald bis zum kleinen See.",
        "Meine Großmutter backt jeden Sonntag einen Apfelkuchen für die ganze Familie.",
        "Der Zug nach München hatte wegen eines Unwetters fast eine Stunde Verspätung.",
        "Im Garten blühen schon die ersten Tulpen, obwohl es nachts noch kalt ist.",
        "Wir haben beschlossen, im Sommer an die Ostsee zu fahren und dort zu zelten.",
        "Die Bibliothek der Stadt bleibt wegen Bauarbeiten bis Ende des Monats geschlossen.",
        "Nach dem Abendessen spielten die Kinder noch lange Karten mit ihrem Onkel.",
        "Es ist nicht leicht, eine bezahlbare Wohnung in der Innenstadt zu finden."};

    private static String document(String head, int headChars, int totalChars) {
        StringBuilder b = new StringBuilder();
        while (b.length() < headChars) {
            b.append(head);
        }
        for (int i = 0; b.length() < totalChars; i++) {
            b.append(GERMAN[i % GERMAN.length]).append(i % 5 == 4 ? "\n\n" : " ");
        }
        return b.toString();
    }

    private static final String BOILERPLATE =
            "Home | News | Sport | Weather | Contact us | Privacy policy | Cookie settings | Sign in | "
                    + "Subscribe to our newsletter | Terms and conditions | Accessibility | Help and support | ";

    @Test
    void longDocumentIsJudgedByItsBodyNotItsEnglishHeader() {
        assertEquals("en", LID.detect(BOILERPLATE.repeat(5)).language(), "the header alone reads as English");
        String doc = document(BOILERPLATE, 1000, 20_000);
        Detection d = LID.detect(doc);
        assertEquals("de", d.language(), d::toString);
        assertTrue(d.letters() <= LidOptions.DEFAULT.maxChars());
    }

    @Test
    void megabyteTextIsSampledAndFast() {
        String big = document(BOILERPLATE, 1000, 1_000_000);
        LID.detect(big); // warm up
        Detection d = assertTimeout(Duration.ofSeconds(2), () -> {
            Detection last = null;
            for (int i = 0; i < 20; i++) {
                last = LID.detect(big);
            }
            return last;
        });
        assertEquals("de", d.language());
        assertTrue(d.letters() > 0 && d.letters() <= LidOptions.DEFAULT.maxChars(), "letters " + d.letters());
    }

    @Test
    void sameTextGivesEqualDetections() {
        for (String text : allSentences()) {
            assertEquals(LID.detect(text), LID.detect(text));
        }
        // Scratch buffers reused between calls must not leak: a long text, then a short one.
        Detection before = LID.detect(ENGLISH);
        LID.detect(document(BOILERPLATE, 1000, 20_000));
        assertEquals(before, LID.detect(ENGLISH));
    }

    /** Texts of assorted lengths and languages, including mixtures and cut-off sentences. */
    private static List<String> assortedTexts(int n) {
        List<String> sentences = allSentences();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String a = sentences.get(i % sentences.size());
            String b = sentences.get((i * 7 + 3) % sentences.size());
            String text = switch (i % 4) {
                case 0 -> a;
                case 1 -> a.substring(0, Math.max(1, a.length() * (i % 10 + 1) / 11));
                case 2 -> a + " " + b;
                default -> document(a, 200 + i * 13, 3000 + i * 50);
            };
            texts.add(text);
        }
        return texts;
    }

    @Test
    void concurrentDetectionMatchesSequential() throws Exception {
        List<String> texts = assortedTexts(200);
        List<Detection> expected = texts.stream().map(LID::detect).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Detection>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 50;
                futures.add(pool.submit(() -> {
                    List<Detection> out = new ArrayList<>(texts.size());
                    for (int i = 0; i < texts.size(); i++) {
                        out.add(null);
                    }
                    for (int j = 0; j < texts.size(); j++) {
                        int i = (j + offset) % texts.size(); // each thread in another order
                        out.set(i, LID.detect(texts.get(i)));
                    }
                    return out;
                }));
            }
            for (Future<List<Detection>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withOptionsKeepsTheModelAndChangesOnlyTheOptions() {
        LidOptions other = LidOptions.DEFAULT.withMaxOrder(3).withTemperature(1.0);
        LanguageIdentifier changed = LID.withOptions(other);
        assertNotSame(LID, changed);
        assertSame(other, changed.options());
        assertEquals(LidOptions.DEFAULT, LID.options());
        assertEquals(LID.languages(), changed.languages());
        assertEquals(LID.modelSource(), changed.modelSource());
        assertEquals(LID.modelMemoryBytes(), changed.modelMemoryBytes());
        assertEquals("en", changed.detect(ENGLISH).language());
        LanguageIdentifier back = changed.withOptions(LidOptions.DEFAULT);
        for (String text : allSentences()) {
            assertEquals(LID.detect(text), back.detect(text));
        }
    }

    @Test
    void lowerTemperatureSharpensTheSameRanking() {
        String text = "ja nein oui non si no yes";
        Detection warm = LID.detect(text, 3);
        Detection cold = LID.withOptions(LidOptions.DEFAULT.withTemperature(1.0)).detect(text, 3);
        assertEquals(warm.language(), cold.language());
        assertTrue(cold.top().get(0).probability() >= warm.top().get(0).probability());
    }

    @Test
    void shippedModelHeaderMatchesTheLoadedModel() {
        ModelFile.Header header = LanguageIdentifier.shippedModel();
        assertEquals(LID.modelSource(), header.source());
        assertEquals(new HashSet<>(LID.languages()), new HashSet<>(header.languages()));
        assertEquals(75, LID.languages().size());
        assertTrue(LID.languages().containsAll(List.of("en", "de", "zh", "ja", "ko", "uk", "hi", "ar")));
    }

    /**
     * A shortlist margin above about 8.4 million nats (Integer.MAX_VALUE / 256), or a per-letter
     * margin that gets there on a long text, overflows the int margin in detect(); no candidate
     * survives the shortlist and decide() indexes an empty array.
     */
    @Test
    void hugeShortlistMarginMeansNoShortlist() {
        LanguageIdentifier wide = LID.withOptions(new LidOptions(2048, 8, 5, 80, 3, 1e7, 0.5, 4.0, 3));
        assertEquals("en", wide.detect(ENGLISH).language());
        LanguageIdentifier infinite = LID.withOptions(
                new LidOptions(2048, 8, 5, 80, 3, Double.POSITIVE_INFINITY, 0.0, 4.0, 3));
        assertEquals("en", infinite.detect(ENGLISH).language());
    }

    @Test
    void largeButRepresentableShortlistMarginDisablesTheShortlist() {
        LanguageIdentifier wide = LID.withOptions(new LidOptions(2048, 8, 5, 80, 3, 1e6, 0.0, 4.0, 100));
        Detection d = wide.detect(ENGLISH);
        assertEquals("en", d.language());
        assertTrue(d.top().size() > 30, "all Latin-script languages stay candidates: " + d.top().size());
    }
}
