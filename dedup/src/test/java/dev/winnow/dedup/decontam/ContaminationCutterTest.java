package dev.winnow.dedup.decontam;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContaminationCutterTest {
    /** 20 words, so 8 thirteen-grams. */
    static final String TASK = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
            + "november oscar papa quebec romeo sierra tango";
    static final String THIRTEEN = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike";
    static final DecontaminationParams P = DecontaminationParams.MEGATRON;

    /** A sentence of exactly {@code chars} characters, ending with a full stop, no task words. */
    static String sentence(int chars, char letter) {
        StringBuilder b = new StringBuilder();
        while (b.length() < chars - 1) {
            b.append(b.length() % 7 == 6 ? ' ' : letter);
        }
        b.setLength(chars - 1);
        if (b.charAt(chars - 2) == ' ') {
            b.setCharAt(chars - 2, letter);
        }
        return b.append('.').toString();
    }

    static CutOutcome cut(String doc, DecontaminationParams p, TaskExample... tasks) {
        TaskNgramIndex index = TaskNgramIndex.build(List.of(tasks), p);
        WordTokens words = new WordTokens().tokenize(doc);
        NgramMatches m = new NgramMatches();
        index.find(words, new long[0], m);
        return new ContaminationCutter(p).cut(words, m, index);
    }

    static CutOutcome cut(String doc) {
        return cut(doc, P, new TaskExample("lambada", "1", TASK));
    }

    static List<String> kept(String doc, CutOutcome c) {
        return c.keptPieces().stream().map(p -> doc.substring(p.start(), p.end())).toList();
    }

    @Test
    void theCutWidensToSentenceEndsOnBothSides() {
        String a = sentence(400, 'a');
        String b = sentence(250, 'b');
        String c = sentence(120, 'c');
        String d = sentence(300, 'd');
        String e = sentence(250, 'e');
        // 200 chars before the match fall inside b: the cut goes back to the end of a. 200 chars
        // after it fall inside d (120 of c, then 80 into d): the cut goes on to the end of d.
        String doc = a + " " + b + " " + THIRTEEN + ". " + c + " " + d + " " + e;
        CutOutcome out = cut(doc);
        assertEquals(List.of(a, e), kept(doc, out));
        assertEquals(1, out.cuts().size());
        assertEquals(a.length(), out.cuts().get(0).start(), "the full stop of a stays with a");
        assertEquals(doc.length() - e.length() - 1, out.cuts().get(0).end(), "the full stop of d goes with the cut");
        assertNull(out.dropReason());
        assertEquals(doc.length() - a.length() - e.length(), out.totalCharsRemoved());
    }

    @Test
    void aSentenceEndExactlyAtTheContextEdgeIsUsed() {
        String a = sentence(300, 'a');
        String b = sentence(199, 'b');
        // The char 200 before the match is the full stop of a (b is 199 chars and a space).
        String doc = a + b + " " + THIRTEEN + " " + sentence(250, 'z');
        CutOutcome out = cut(doc);
        assertEquals(a, kept(doc, out).get(0));
    }

    @Test
    void piecesShorterThanTheMinimumAreDropped() {
        String shortHead = sentence(150, 'a');
        String tail = sentence(350, 'z');
        String doc = shortHead + " " + sentence(250, 'b') + " " + THIRTEEN + " " + sentence(210, 'c') + " " + tail;
        CutOutcome out = cut(doc);
        // 200 chars back from the match lie inside b, whose start (after shortHead's full stop)
        // is where the piece before the cut ends: that piece is shortHead, 150 < 200 chars.
        assertEquals(List.of(tail), kept(doc, out));
        assertEquals(2, out.pieces().size());
        CutOutcome.Piece dropped = out.pieces().get(0);
        assertEquals(150, dropped.codePoints());
        assertTrue(!dropped.kept());
        assertEquals(0, dropped.task());
    }

    @Test
    void aMatchAtTheStartOrEndLeavesNoPieceThere() {
        String body = sentence(600, 'm');
        String doc = THIRTEEN + ". " + body + " " + THIRTEEN;
        CutOutcome out = cut(doc);
        assertEquals(2, out.cuts().size());
        assertEquals(0, out.cuts().get(0).start());
        assertEquals(doc.length(), out.cuts().get(1).end());
        // The first cut takes the match, 200 chars, and on to the end of body's first... body has
        // one full stop, at its end, so the first cut runs to the end of body: nothing is left.
        assertEquals(CutOutcome.DropReason.NOTHING_LEFT, out.dropReason());
        assertEquals(doc.codePointCount(0, doc.length()), out.totalCharsRemoved());
    }

    @Test
    void withNoSentenceEndAfterTheMatchTheCutRunsToTheEnd() {
        String a = sentence(400, 'a');
        String doc = a + " " + sentence(300, 'b') + " " + THIRTEEN + " and then words without a stop for a while";
        assertEquals(List.of(a), kept(doc, cut(doc)));
    }

    @Test
    void overlappingMatchesOfOneSpanAreOneCut() {
        String a = sentence(400, 'a');
        String z = sentence(400, 'z');
        String doc = a + " " + sentence(220, 'b') + " " + TASK + ". " + sentence(220, 'c') + " " + z;
        CutOutcome out = cut(doc);
        assertEquals(1, out.cuts().size(), "8 overlapping 13-grams, one cut");
        assertEquals(List.of(a, z), kept(doc, out));
    }

    @Test
    void aLongContaminatedSpanIsCutInSuccessiveSteps() {
        // Ten sentences, each the task text: the first cut ends at the sentence end 200 chars past
        // the first 13-gram; the text after it still holds task text, so cutting goes on.
        StringBuilder span = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            span.append(TASK).append(i < 9 ? ". " : "");
        }
        String a = sentence(400, 'a');
        String z = sentence(400, 'z');
        String doc = a + " " + sentence(220, 'b') + " " + span + ". " + sentence(220, 'c') + " " + z;
        CutOutcome out = cut(doc);
        assertTrue(out.cuts().size() >= 2, "cuts: " + out.cuts());
        assertEquals(List.of(a, z), kept(doc, out));
    }

    @Test
    void moreThanMaxPiecesDropsTheDocument() {
        DecontaminationParams p = new DecontaminationParams(13, 8, 20, ".!?", 50, 10, 10);
        TaskExample t = new TaskExample("hellaswag", "1", THIRTEEN);
        for (int pieces : new int[] {10, 11}) {
            StringBuilder doc = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                doc.append(sentence(80, (char) ('a' + i))).append(' ');
                if (i < pieces - 1) {
                    doc.append(sentence(30, 'x')).append(' ').append(THIRTEEN).append(". ").append(sentence(30, 'y')).append(' ');
                }
            }
            CutOutcome out = cut(doc.toString(), p, t);
            assertEquals(pieces, out.pieces().stream().filter(CutOutcome.Piece::kept).count());
            if (pieces == 10) {
                assertNull(out.dropReason());
                assertEquals(10, out.keptPieces().size());
            } else {
                assertEquals(CutOutcome.DropReason.TOO_MANY_PIECES, out.dropReason());
                assertEquals(List.of(), out.keptPieces());
                assertEquals(doc.length(), out.totalCharsRemoved());
            }
        }
    }

    @Test
    void shortPiecesDoNotCountTowardsMaxPieces() {
        DecontaminationParams p = new DecontaminationParams(13, 8, 20, ".!?", 50, 2, 10);
        TaskExample t = new TaskExample("hellaswag", "1", THIRTEEN);
        String x = sentence(30, 'x');
        String doc = sentence(80, 'a') + " " + x + " " + THIRTEEN + ". " + x + " " + sentence(40, 's') + " " + x + " "
                + THIRTEEN + ". " + x + " " + sentence(80, 'b');
        CutOutcome out = cut(doc, p, t);
        assertEquals(3, out.pieces().size());
        assertEquals(2, out.keptPieces().size(), "the 40-char piece is dropped, so 2 pieces <= max 2");
    }

    @Test
    void contextIsCountedInCodePoints() {
        DecontaminationParams p = new DecontaminationParams(13, 8, 5, ".!?", 1, 10, 10);
        String emoji = new String(Character.toChars(0x1F600));
        // Five emoji (ten chars) before the match: exactly the context, so the cut stops after "A.".
        String doc = "A." + emoji.repeat(5) + THIRTEEN + " " + emoji.repeat(5) + ".Z";
        CutOutcome out = cut(doc, p, new TaskExample("t", "1", THIRTEEN));
        assertEquals(List.of("A.", "Z"), kept(doc, out));
        assertEquals(doc.codePointCount(0, doc.length()) - 3, out.totalCharsRemoved());
    }

    @Test
    void charsRemovedGoToTheTaskWhoseMatchCausedThem() {
        String a = sentence(400, 'a');
        String doc = a + " " + sentence(220, 'b') + " " + THIRTEEN + ". " + sentence(220, 'c') + " "
                + sentence(300, 'd') + " " + sentence(220, 'e') + " Which river runs past the old mill at Brackenford bridge? "
                + sentence(100, 'f');
        CutOutcome out = cut(doc, P, new TaskExample("lambada", "1", TASK),
                new TaskExample("rivers", "2", "Which river runs past the old mill at Brackenford bridge?"));
        assertEquals(2, out.cuts().size());
        assertTrue(out.charsRemoved()[0] > 0 && out.charsRemoved()[1] > 0);
        long keptChars = out.keptPieces().stream().mapToLong(CutOutcome.Piece::codePoints).sum();
        assertEquals(doc.length() - keptChars, out.totalCharsRemoved());
        assertThrows(IllegalArgumentException.class, () -> new ContaminationCutter(P).cut(
                new WordTokens().tokenize("x"), new NgramMatches(), TaskNgramIndex.build(List.of(), P)));
    }

    /**
     * Megatron's loop, written as it is (find the first match in what is left, split, go on with
     * the text after the cut) with Winnow's two deliberate changes: the span after a match is
     * measured from its real end, and pieces are trimmed before they are measured.
     */
    static List<String> megatron(String doc, Set<String> ngrams, DecontaminationParams p) {
        List<String> buffer = new ArrayList<>(List.of(doc));
        List<String> free = new ArrayList<>();
        String ends = p.sentenceEnds();
        while (!buffer.isEmpty()) {
            String text = buffer.remove(0);
            WordTokens w = new WordTokens().tokenize(text);
            int at = -1;
            int len = 0;
            for (int i = 0; i < w.size() && at < 0; i++) {
                for (int l = p.ngram(); l >= p.minWords(); l--) {
                    if (i + l <= w.size() && ngrams.contains(w.words(i, l))) {
                        at = i;
                        len = l;
                        break;
                    }
                }
            }
            if (at < 0) {
                free.add(text);
                continue;
            }
            int pos = w.start(at) - p.contextChars();
            while (pos > 0 && ends.indexOf(text.charAt(pos)) < 0) {
                pos--;
            }
            if (pos > 0) {
                free.add(text.substring(0, pos + 1));
            }
            pos = w.end(at + len - 1) + p.contextChars();
            while (pos < text.length() && ends.indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (pos + 1 < text.length()) {
                buffer.add(text.substring(pos + 1));
            }
        }
        List<String> kept = free.stream().map(String::strip).filter(s -> !s.isEmpty() && s.length() >= p.minPieceChars()).toList();
        return kept.size() > p.maxPieces() ? List.of() : kept;
    }

    @Test
    void agreesWithMegatronsLoopOnRandomDocuments() {
        Random rnd = new Random(11);
        String[] vocab = new String[60];
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = "v" + Integer.toString(i, 36) + (i % 3 == 0 ? "x" : "");
        }
        int contaminated = 0;
        int multiCut = 0;
        for (int round = 0; round < 300; round++) {
            DecontaminationParams p = new DecontaminationParams(13, 8, rnd.nextInt(60), ".!?", rnd.nextInt(80),
                    1 + rnd.nextInt(5), 10);
            List<TaskExample> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                StringBuilder b = new StringBuilder();
                int words = 8 + rnd.nextInt(20);
                for (int w = 0; w < words; w++) {
                    b.append("t").append(t).append('w').append(rnd.nextInt(1000)).append(' ');
                }
                tasks.add(new TaskExample("task" + (t % 2), "e" + t, b.toString()));
            }
            StringBuilder doc = new StringBuilder();
            int parts = 5 + rnd.nextInt(30);
            for (int k = 0; k < parts; k++) {
                if (rnd.nextInt(4) == 0) {
                    String[] tw = tasks.get(rnd.nextInt(tasks.size())).text().trim().split(" ");
                    int from = rnd.nextInt(Math.max(1, tw.length - 8));
                    int to = Math.min(tw.length, from + 8 + rnd.nextInt(tw.length));
                    doc.append(String.join(" ", java.util.Arrays.copyOfRange(tw, from, to)));
                } else {
                    doc.append(vocab[rnd.nextInt(vocab.length)]);
                }
                doc.append(rnd.nextInt(6) == 0 ? ". " : rnd.nextInt(9) == 0 ? "!\n" : " ");
            }
            String text = doc.toString();
            TaskNgramIndex index = TaskNgramIndex.build(tasks, p);
            Set<String> ngrams = new HashSet<>();
            for (int e = 0; e < index.size(); e++) {
                ngrams.add(index.text(e));
            }
            WordTokens words = new WordTokens().tokenize(text);
            NgramMatches m = new NgramMatches();
            index.find(words, new long[0], m);
            List<String> expected = megatron(text, ngrams, p);
            if (m.isEmpty()) {
                assertEquals(List.of(text.strip()).stream().filter(s -> s.length() >= p.minPieceChars()).toList(),
                        expected, "no match found, so Megatron's loop finds none either");
                continue;
            }
            CutOutcome out = new ContaminationCutter(p).cut(words, m, index);
            contaminated++;
            multiCut += out.cuts().size() > 1 ? 1 : 0;
            assertEquals(expected, kept(text, out), "round " + round + " " + p + "\n" + text);
            long keptChars = out.keptPieces().stream().mapToLong(CutOutcome.Piece::codePoints).sum();
            assertEquals(text.length() - keptChars, out.totalCharsRemoved(), "round " + round);
        }
        assertTrue(contaminated > 200 && multiCut > 50, contaminated + " documents with matches, " + multiCut + " cut more than once");
    }
}
