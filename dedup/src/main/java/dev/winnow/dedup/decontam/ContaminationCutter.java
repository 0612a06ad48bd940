package dev.winnow.dedup.decontam;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts task n-gram matches out of a document, as Megatron's {@code filter_ngrams.py} does.
 *
 * <p>Matches are taken in text order; one that starts inside text already removed is covered by
 * the earlier cut. For each other match: go {@code contextChars} code points back from its first
 * character, then further back to a sentence end, which stays with the text before; go
 * {@code contextChars} past its last character, then on to a sentence end, which goes with the
 * cut. The text before the cut is a piece; cutting continues in the text after it. Pieces
 * shorter than {@code minPieceChars} are dropped; when more than {@code maxPieces} pieces remain,
 * or none, the whole document goes.
 *
 * <p>Differences from {@code filter_ngrams.py}, both deliberate: the span after a match is measured
 * from the match's real last character (Megatron adds the length of the words joined by single
 * spaces, which falls short when the words were separated by more), and pieces are trimmed of
 * whitespace at their edges before they are measured and kept. Like Megatron, the
 * {@code maxPieces} test counts the pieces that survive the length rule.
 *
 * <p>Stateless: thread-safe.
 */
public final class ContaminationCutter {
    private final DecontaminationParams params;
    private final boolean[] asciiEnds = new boolean[128];
    private final String otherEnds;

    public ContaminationCutter(DecontaminationParams params) {
        this.params = params;
        StringBuilder other = new StringBuilder();
        for (char c : params.sentenceEnds().toCharArray()) {
            if (c < 128) {
                asciiEnds[c] = true;
            } else {
                other.append(c);
            }
        }
        otherEnds = other.toString();
    }

    /** Cuts {@code matches} (found in {@code words}, not empty) out of the text of {@code words}. */
    public CutOutcome cut(WordTokens words, NgramMatches matches, TaskNgramIndex index) {
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("nothing to cut: the document has no matches");
        }
        String text = words.text();
        int n = text.length();
        int context = params.contextChars();
        List<int[]> gaps = new ArrayList<>();
        List<CutOutcome.Cut> cuts = new ArrayList<>();
        int pos = 0;
        for (int m = 0; m < matches.size(); m++) {
            int first = words.start(matches.wordStart(m));
            int last = words.end(matches.wordStart(m) + matches.length(m) - 1);
            if (first < pos) {
                continue;
            }
            int q = back(text, first, context);
            if (q > pos) {
                while (q > pos && !isSentenceEnd(text.charAt(q))) {
                    q--;
                }
            }
            int gapEnd = q > pos ? q + 1 : pos;
            int r = forward(text, last, context);
            while (r < n && !isSentenceEnd(text.charAt(r))) {
                r++;
            }
            int next = Math.min(n, r + 1);
            gaps.add(new int[] {pos, gapEnd});
            cuts.add(new CutOutcome.Cut(gapEnd, next, m, index.tasksOf(matches.entry(m))[0]));
            pos = next;
        }
        gaps.add(new int[] {pos, n});

        int tasks = index.tasks().size();
        long[] removed = new long[tasks];
        for (CutOutcome.Cut c : cuts) {
            removed[c.task()] += text.codePointCount(c.start(), c.end());
        }
        List<CutOutcome.Piece> pieces = new ArrayList<>();
        int keptCount = 0;
        for (int g = 0; g < gaps.size(); g++) {
            int a = gaps.get(g)[0];
            int b = gaps.get(g)[1];
            int task = cuts.get(Math.min(g, cuts.size() - 1)).task();
            int start = a;
            int end = b;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            int cps = text.codePointCount(start, end);
            boolean kept = cps > 0 && cps >= params.minPieceChars();
            if (kept) {
                keptCount++;
                removed[task] += text.codePointCount(a, b) - cps;
            } else {
                removed[task] += text.codePointCount(a, b);
            }
            if (cps > 0) {
                pieces.add(new CutOutcome.Piece(pieces.size(), start, end, cps, kept, task));
            }
        }

        int primary = primaryTask(matches, index, tasks);
        CutOutcome.DropReason drop = keptCount == 0 ? CutOutcome.DropReason.NOTHING_LEFT
                : keptCount > params.maxPieces() ? CutOutcome.DropReason.TOO_MANY_PIECES : null;
        if (drop != null) {
            java.util.Arrays.fill(removed, 0);
            removed[primary] = text.codePointCount(0, n);
        }
        return new CutOutcome(pieces, cuts, drop, primary, removed);
    }

    /** The task with most matches; ties go to the lower task number. */
    private static int primaryTask(NgramMatches matches, TaskNgramIndex index, int tasks) {
        int[] counts = new int[tasks];
        for (int m = 0; m < matches.size(); m++) {
            for (int t : index.tasksOf(matches.entry(m))) {
                counts[t]++;
            }
        }
        int best = 0;
        for (int t = 1; t < tasks; t++) {
            if (counts[t] > counts[best]) {
                best = t;
            }
        }
        return best;
    }

    private boolean isSentenceEnd(char c) {
        return c < 128 ? asciiEnds[c] : otherEnds.indexOf(c) >= 0;
    }

    /** The char index {@code count} code points before {@code index}; negative past the start. */
    static int back(String text, int index, int count) {
        int i = index;
        for (int k = 0; k < count; k++) {
            if (i <= 0) {
                return i - (count - k);
            }
            i--;
            if (i > 0 && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1))) {
                i--;
            }
        }
        return i;
    }

    /** The char index {@code count} code points after {@code index}, at most the text's length. */
    static int forward(String text, int index, int count) {
        int n = text.length();
        int i = index;
        for (int k = 0; k < count && i < n; k++) {
            i += Character.charCount(text.codePointAt(i));
        }
        return Math.min(i, n);
    }
}
