package dev.winnow.jobs.bench;

import dev.winnow.dedup.decontam.DecontaminationParams;
import dev.winnow.dedup.decontam.TaskExample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The straightforward implementation of the matching rule, the benchmark's baseline (and, in the
 * evaluation, an independent check): {@code \w+} by regular expression over the lower-cased text,
 * each n-gram a string of words joined by spaces, looked up in a {@code HashSet<String>}, as
 * {@code filter_ngrams.py} does with a dict.
 */
public final class NaiveDecontamination {
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Set<String> ngrams = new HashSet<>();
    private final TreeSet<Integer> lengths = new TreeSet<>();
    private final DecontaminationParams params;

    NaiveDecontamination(List<TaskExample> examples, DecontaminationParams params) {
        this.params = params;
        for (TaskExample e : examples) {
            List<String> w = words(e.text());
            if (w.size() >= params.ngram()) {
                for (int i = 0; i + params.ngram() <= w.size(); i++) {
                    ngrams.add(String.join(" ", w.subList(i, i + params.ngram())));
                }
                lengths.add(params.ngram());
            } else if (w.size() >= params.minWords()) {
                ngrams.add(String.join(" ", w));
                lengths.add(w.size());
            }
        }
    }

    /** The lower-cased {@code \w+} words of {@code text}, by regular expression. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether any task n-gram occurs in {@code text}. */
    boolean contains(String text) {
        return !matches(text).isEmpty();
    }

    /** Every task n-gram of {@code text} (word offset, words), in text order. */
    List<String> matches(String text) {
        List<String> w = words(text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            for (int len : lengths.descendingSet()) {
                if (i + len <= w.size()) {
                    String g = String.join(" ", w.subList(i, i + len));
                    if (ngrams.contains(g)) {
                        found.add(g);
                    }
                }
            }
        }
        return found;
    }
}
