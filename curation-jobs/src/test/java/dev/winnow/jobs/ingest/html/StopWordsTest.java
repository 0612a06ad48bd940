package dev.winnow.jobs.ingest.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StopWordsTest {

    @Test
    void englishContainsThe() {
        assertTrue(StopWords.forLanguage("en").contains("the"));
    }

    @Test
    void languagesAreExactlyTheSupportedCodesSorted() {
        assertEquals(
                List.of("da", "de", "en", "es", "fi", "fr", "hu", "id", "it", "nl", "no", "pt", "ru", "sv"),
                new ArrayList<>(StopWords.languages()));
        assertThrows(UnsupportedOperationException.class, () -> StopWords.languages().add("xx"));
    }

    @ParameterizedTest
    @CsvSource({
        "da, og, hus",
        "de, und, haus",
        "en, which, house",
        "es, que, casa",
        "fi, että, talo",
        "fr, le, maison",
        "hu, hogy, ház",
        "id, yang, rumah",
        "it, che, casa",
        "nl, het, huis",
        "no, og, hus",
        "pt, não, casa",
        "ru, что, дом",
        "sv, och, hus"
    })
    void everyLanguageLoadsFromLucene(String iso, String stop, String content) {
        StopWords w = StopWords.forLanguage(iso);
        assertEquals(iso, w.language());
        assertTrue(w.size() > 30, "suspiciously small list for " + iso + ": " + w.size());
        assertTrue(w.contains(stop), iso + " should contain " + stop);
        assertFalse(w.contains(content), iso + " should not contain " + content);
    }

    @Test
    void commentsAreNotWords() {
        // The Snowball files are full of "| comment" text; none of it may leak into the set.
        StopWords en = StopWords.forLanguage("en");
        assertFalse(en.contains("|"));
        assertFalse(en.contains("english"));
        assertFalse(en.contains("stop"));
        assertTrue(en.contains("don't"));
        assertTrue(en.contains("i'm"));
    }

    @Test
    void containsExpectsLowerCase() {
        StopWords en = StopWords.forLanguage("en");
        assertFalse(en.contains("The"));
        assertFalse(en.contains(""));
        assertFalse(en.contains(null));
    }

    @Test
    void codesAreCaseAndSpaceInsensitive() {
        assertSame(StopWords.forLanguage("de"), StopWords.forLanguage(" DE "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"xx", "english", "zh", "en-US"})
    void unknownLanguageMessageListsAvailableCodes(String iso) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StopWords.forLanguage(iso));
        assertTrue(e.getMessage().contains("'" + iso + "'"), e.getMessage());
        for (String code : StopWords.languages()) {
            assertTrue(e.getMessage().contains(code), e.getMessage());
        }
        assertTrue(e.getMessage().contains("[da, de, en,"), e.getMessage());
    }

    @Test
    void listsAreCachedAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<StopWords>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tasks.add(() -> StopWords.forLanguage("sv"));
            }
            StopWords first = null;
            for (Future<StopWords> f : pool.invokeAll(tasks)) {
                StopWords w = f.get();
                if (first == null) {
                    first = w;
                }
                assertSame(first, w);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void snowballParserHandlesCommentsAndSeparators() throws Exception {
        String file =
                "\uFEFF | a comment line\n"
                        + "und   | conjunction\n"
                        + "\n"
                        + "Der die\tdas | articles | more\n"
                        + "   |only comment\n"
                        + "ÜBER\n";
        Set<String> words = StopWords.parseSnowball(new BufferedReader(new StringReader(file)));
        assertEquals(Set.of("und", "der", "die", "das", "über"), words);
    }
}
