package dev.winnow.dedup.decontam;

/**
 * The cutting pass, for one thread: finds the task n-grams of a document that are not too common
 * and cuts them out ({@link ContaminationCutter}). After {@link #apply}, {@link #words} and
 * {@link #matches} describe the document until the next call.
 */
public final class Decontaminator {
    private final TaskNgramIndex index;
    private final long[] ignored;
    private final ContaminationCutter cutter;
    private final WordTokens words = new WordTokens();
    private final NgramMatches matches = new NgramMatches();

    /** @param ignored hashes of the n-grams too common to count (sorted ascending) */
    public Decontaminator(TaskNgramIndex index, long[] ignored) {
        this.index = index;
        this.ignored = ignored.clone();
        java.util.Arrays.sort(this.ignored);
        this.cutter = new ContaminationCutter(index.params());
    }

    /** What to do with {@code text}: null when it holds no task n-gram (keep it as it is). */
    public CutOutcome apply(String text) {
        index.find(words.tokenize(text), ignored, matches);
        return matches.isEmpty() ? null : cutter.cut(words, matches, index);
    }

    public WordTokens words() {
        return words;
    }

    public NgramMatches matches() {
        return matches;
    }

    public TaskNgramIndex index() {
        return index;
    }
}
