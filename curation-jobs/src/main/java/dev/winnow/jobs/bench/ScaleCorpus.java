package dev.winnow.jobs.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A corpus of real text whose duplicate structure does not change with its size, for the scale
 * benchmark: every prefix has the same share of exact and near duplicates, and clusters of the
 * same sizes.
 *
 * <p>{@link BenchCorpus} joins two whole texts per document, so a pool of a few thousand texts is
 * reused more the larger the corpus: documents sharing a long text are near duplicates, and their
 * number grows with the square of the corpus (1× to 2× gave 4× the candidate pairs), which would
 * make fuzzy dedup look superlinear when it is the data that changed. Here a new document joins
 * 2–4 windows of 1–4 KB from random texts at random word boundaries (two documents rarely share
 * more than one window), and duplicates are made at a fixed rate: {@value #EXACT_PERCENT}% are
 * copies and {@value #NEAR_PERCENT}% near copies (about one word in {@value #DROP_ONE_IN} dropped) of
 * one of the last {@value #RECENT} new documents, so each document has the same expected number of
 * copies at any size. Deterministic for a seed.
 */
final class ScaleCorpus {
    static final int EXACT_PERCENT = 3;
    static final int NEAR_PERCENT = 3;
    static final int DROP_ONE_IN = 100;
    static final int RECENT = 1000;
    private static final int MIN_WINDOW = 1000;
    private static final int MAX_WINDOW = 4000;

    private final List<String> texts;
    private final Random rnd;
    private final String[] recent = new String[RECENT];
    private long made;

    ScaleCorpus(List<String> texts, long seed) {
        this.texts = texts;
        this.rnd = new Random(seed);
    }

    /** Writes {@code files} JSONL files of about {@code bytesPerFile} each; returns the total bytes. */
    long write(Path out, int files, long bytesPerFile) throws IOException {
        return BenchCorpus.writeDocuments(out, files, bytesPerFile, this::next);
    }

    /** The next document's text. */
    String next() {
        int roll = rnd.nextInt(100);
        if (made > 0 && roll < EXACT_PERCENT + NEAR_PERCENT) {
            String source = recent[rnd.nextInt((int) Math.min(made, RECENT))];
            return roll < EXACT_PERCENT ? source : dropWords(source);
        }
        int windows = 2 + rnd.nextInt(3);
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < windows; w++) {
            if (w > 0) {
                s.append("\n\n");
            }
            s.append(window(texts.get(rnd.nextInt(texts.size()))));
        }
        String text = s.toString();
        recent[(int) (made % RECENT)] = text;
        made++;
        return text;
    }

    /** A window of 1–4 KB of {@code t} from a random word boundary (all of it when shorter). */
    private String window(String t) {
        int length = MIN_WINDOW + rnd.nextInt(MAX_WINDOW - MIN_WINDOW + 1);
        if (t.length() <= length) {
            return t;
        }
        int start = rnd.nextInt(t.length() - length);
        int space = t.indexOf(' ', start);
        start = space < 0 || space >= start + length / 2 ? start : space + 1;
        int end = Math.min(t.length(), start + length);
        int lastSpace = t.lastIndexOf(' ', end);
        return t.substring(start, lastSpace > start + length / 2 ? lastSpace : end);
    }

    private String dropWords(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (String word : text.split(" ", -1)) {
            if (word.indexOf('\n') >= 0 || rnd.nextInt(DROP_ONE_IN) != 0) { // keep the paragraph breaks
                if (!s.isEmpty()) {
                    s.append(' ');
                }
                s.append(word);
            }
        }
        return s.toString();
    }
}
