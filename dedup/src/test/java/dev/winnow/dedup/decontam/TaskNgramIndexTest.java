package dev.winnow.dedup.decontam;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskNgramIndexTest {
    static final String LONG_TASK = "The keeper of the Copperwick light climbed the one hundred and twelve steps every "
            + "evening before the sun went down behind the western headland";
    static final String TEN_WORDS = "Which river runs past the old mill at Brackenford bridge?";
    static final String SIX_WORDS = "Is the tide coming in now?";

    static TaskNgramIndex index(DecontaminationParams p) {
        return TaskNgramIndex.build(List.of(
                new TaskExample("lighthouse", "l-1", LONG_TASK),
                new TaskExample("rivers", "r-1", TEN_WORDS),
                new TaskExample("rivers", "r-2", SIX_WORDS)), p);
    }

    static List<String> found(TaskNgramIndex index, String doc, long... ignored) {
        WordTokens words = new WordTokens().tokenize(doc);
        NgramMatches m = new NgramMatches();
        index.find(words, ignored, m);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            out.add(m.wordStart(i) + ":" + index.text(m.entry(i)));
            assertEquals(words.words(m.wordStart(i), m.length(i)), index.text(m.entry(i)));
        }
        return out;
    }

    @Test
    void longTaskTextsGiveEveryThirteenGram() {
        TaskNgramIndex idx = index(DecontaminationParams.MEGATRON);
        int words = new WordTokens().tokenize(LONG_TASK).size();
        assertEquals(24, words);
        assertEquals(words - 13 + 1 + 1, idx.size(), "12 windows of the long text + the 10-word text whole");
        assertEquals(1, idx.examplesTooShort());
        assertEquals(3, idx.examples());
        assertEquals(List.of("lighthouse", "rivers"), idx.tasks());
    }

    @Test
    void findsEveryWindowWhateverTheCaseAndPunctuation() {
        TaskNgramIndex idx = index(DecontaminationParams.MEGATRON);
        String doc = "Old notes say: THE KEEPER of the Copperwick light, climbed the one hundred and twelve steps "
                + "every evening. Nothing else.";
        List<String> f = found(idx, doc);
        assertEquals(List.of("3:the keeper of the copperwick light climbed the one hundred and twelve steps",
                "4:keeper of the copperwick light climbed the one hundred and twelve steps every",
                "5:of the copperwick light climbed the one hundred and twelve steps every evening"), f);
        // Twelve of the words are not a 13-gram.
        assertEquals(List.of(), found(idx, "the keeper of the Copperwick light climbed the one hundred and twelve"));
    }

    @Test
    void shortTaskTextsMatchOnlyWhole() {
        TaskNgramIndex idx = index(DecontaminationParams.MEGATRON);
        assertEquals(List.of("2:which river runs past the old mill at brackenford bridge"),
                found(idx, "Quiz time. Which river runs past the old mill at Brackenford bridge? The Tamsel."));
        assertEquals(List.of(), found(idx, "Which river runs past the old mill at Brackenford?"), "9 of its 10 words");
        // Six words are below min-words: never indexed, never found.
        assertEquals(List.of(), found(idx, "Is the tide coming in now? Ask the harbour master."));
        DecontaminationParams six = new DecontaminationParams(13, 6, 200, ".!?", 200, 10, 10);
        assertEquals(List.of("0:is the tide coming in now"), found(index(six), "Is the tide coming in now? Ask."));
    }

    @Test
    void ignoredNgramsAreNotReported() {
        TaskNgramIndex idx = index(DecontaminationParams.MEGATRON);
        String doc = "Which river runs past the old mill at Brackenford bridge";
        WordTokens w = new WordTokens().tokenize(doc);
        long key = w.ngram(0, 10);
        assertTrue(idx.entryOf(key) >= 0);
        assertEquals(List.of(), found(idx, doc, key));
        assertEquals(1, found(idx, doc, key - 1).size());
    }

    @Test
    void anNgramSharedByTasksListsThemAll() {
        TaskNgramIndex idx = TaskNgramIndex.build(List.of(
                new TaskExample("b-task", "1", TEN_WORDS),
                new TaskExample("a-task", "2", "Quiz: " + TEN_WORDS + " Answer: the Tamsel"),
                new TaskExample("b-task", "3", TEN_WORDS.toUpperCase())), DecontaminationParams.MEGATRON);
        WordTokens w = new WordTokens().tokenize(TEN_WORDS);
        assertArrayEquals(new int[] {0}, idx.tasksOf(idx.entryOf(w.ngram(0, 10))));
        WordTokens quiz = new WordTokens().tokenize("Quiz: " + TEN_WORDS + " Answer: the Tamsel");
        int e = idx.entryOf(quiz.ngram(0, 13));
        assertArrayEquals(new int[] {1}, idx.tasksOf(e));
        assertEquals("2", idx.exampleId(e));
        TaskNgramIndex shared = TaskNgramIndex.build(List.of(
                new TaskExample("b-task", "1", LONG_TASK), new TaskExample("a-task", "2", LONG_TASK)),
                DecontaminationParams.MEGATRON);
        assertArrayEquals(new int[] {0, 1}, shared.tasksOf(0));
        assertEquals("1", shared.exampleId(0));
        // A task that first appears after a shared n-gram made a set of two keeps its own n-grams.
        TaskNgramIndex later = TaskNgramIndex.build(List.of(
                new TaskExample("b-task", "1", LONG_TASK), new TaskExample("a-task", "2", LONG_TASK),
                new TaskExample("c-task", "3", TEN_WORDS)), DecontaminationParams.MEGATRON);
        assertArrayEquals(new int[] {2}, later.tasksOf(later.entryOf(w.ngram(0, 10))));
        assertArrayEquals(new int[] {0, 1}, later.tasksOf(later.entryOf(
                new WordTokens().tokenize(LONG_TASK).ngram(0, 13))));
    }

    @Test
    void aDocumentFullOfTaskTextFindsAllAndOnlyItsWindows() {
        // Many examples, one document that quotes some of them: every quoted window is found.
        List<TaskExample> examples = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(7);
        for (int x = 0; x < 300; x++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < 20; w++) {
                b.append("w").append(rnd.nextInt(5000)).append(' ');
            }
            examples.add(new TaskExample("t" + (x % 3), "e" + x, b.toString()));
        }
        TaskNgramIndex idx = TaskNgramIndex.build(examples, DecontaminationParams.MEGATRON);
        assertTrue(idx.size() > 2000);
        String doc = "intro words here. " + examples.get(17).text() + " middle. " + examples.get(250).text();
        List<String> f = found(idx, doc);
        assertEquals(16, f.size(), "8 windows of each 20-word example");
        assertThrows(IllegalArgumentException.class, () -> new TaskExample("", "x", "text"));
    }
}
