package dev.winnow.jobs.ingest.html;

import static dev.winnow.jobs.ingest.html.ParagraphClass.BAD;
import static dev.winnow.jobs.ingest.html.ParagraphClass.GOOD;
import static dev.winnow.jobs.ingest.html.ParagraphClass.NEARGOOD;
import static dev.winnow.jobs.ingest.html.ParagraphClass.SHORT;

import java.util.List;

/**
 * jusText's two-stage classification.
 *
 * <p>Stage one labels each paragraph from its own features (good, bad, near-good, short). Stage
 * two resolves short and near-good paragraphs from their neighbours, with the two heading
 * passes around it. The rules are jusText's; the neighbour and heading searches are done with
 * precomputed arrays so a page with 100k short paragraphs stays linear instead of quadratic.
 * Document edges count as bad neighbours.
 */
final class ParagraphClassifier {

    private final JusTextParams params;

    ParagraphClassifier(JusTextParams params) {
        this.params = params;
    }

    void classify(List<Paragraph> paragraphs) {
        Paragraph[] ps = paragraphs.toArray(new Paragraph[0]);
        for (Paragraph p : ps) {
            p.cfClass = contextFree(p);
            p.classType = p.cfClass;
        }
        if (!params.noHeadings()) {
            promoteShortHeadings(ps);
        }
        resolveShort(ps);
        resolveNearGood(ps);
        if (!params.noHeadings()) {
            promoteBadHeadings(ps);
        }
    }

    /** Stage one: the paragraph on its own. */
    ParagraphClass contextFree(Paragraph p) {
        if (p.linkDensity() > params.maxLinkDensity()) {
            return BAD; // navigation, tag clouds, "related articles"
        }
        if (p.text.indexOf('\u00A9') >= 0 || p.text.contains("&copy")) {
            return BAD; // copyright footers
        }
        if (p.inSelect) {
            return BAD; // drop-down options
        }
        if (p.length < params.lengthLow()) {
            // A short fragment that links somewhere is a menu item, not a stray sentence piece.
            return p.linkChars > 0 ? BAD : SHORT;
        }
        double density = p.stopWordDensity();
        if (density >= params.stopwordsHigh()) {
            return p.length > params.lengthHigh() ? GOOD : NEARGOOD;
        }
        if (density >= params.stopwordsLow()) {
            return NEARGOOD;
        }
        return BAD;
    }

    /**
     * jusText's first heading pass: a short heading followed, within maxHeadingDistance characters,
     * by a good paragraph is lifted to near-good so it survives with its section.
     */
    private void promoteShortHeadings(Paragraph[] ps) {
        int[] nextGood = nextIndexOf(ps, GOOD);
        long[] offsets = offsets(ps);
        for (int i = 0; i < ps.length; i++) {
            if (ps[i].heading && ps[i].classType == SHORT && goodWithinReach(i, nextGood, offsets)) {
                ps[i].classType = NEARGOOD;
            }
        }
    }

    /**
     * Short paragraphs take their class from the nearest good/bad neighbours (near-good ones are
     * skipped): good on both sides → good, bad on both → bad; when mixed, good only if the bad side
     * has a near-good paragraph in between.
     */
    private static void resolveShort(Paragraph[] ps) {
        int n = ps.length;
        ParagraphClass[] prevStrict = new ParagraphClass[n];
        ParagraphClass[] prevLoose = new ParagraphClass[n];
        ParagraphClass[] nextStrict = new ParagraphClass[n];
        ParagraphClass[] nextLoose = new ParagraphClass[n];
        ParagraphClass strict = BAD;
        ParagraphClass loose = BAD;
        for (int i = 0; i < n; i++) {
            prevStrict[i] = strict;
            prevLoose[i] = loose;
            ParagraphClass c = ps[i].classType;
            if (c == GOOD || c == BAD) {
                strict = c;
            }
            if (c != SHORT) {
                loose = c;
            }
        }
        strict = BAD;
        loose = BAD;
        for (int i = n - 1; i >= 0; i--) {
            nextStrict[i] = strict;
            nextLoose[i] = loose;
            ParagraphClass c = ps[i].classType;
            if (c == GOOD || c == BAD) {
                strict = c;
            }
            if (c != SHORT) {
                loose = c;
            }
        }
        // Decide all first, then apply: every short paragraph sees the same, unrevised neighbours.
        ParagraphClass[] decided = new ParagraphClass[n];
        for (int i = 0; i < n; i++) {
            if (ps[i].classType != SHORT) {
                continue;
            }
            ParagraphClass prev = prevStrict[i];
            ParagraphClass next = nextStrict[i];
            if (prev == GOOD && next == GOOD) {
                decided[i] = GOOD;
            } else if (prev == BAD && next == BAD) {
                decided[i] = BAD;
            } else if ((prev == BAD && prevLoose[i] == NEARGOOD)
                    || (next == BAD && nextLoose[i] == NEARGOOD)) {
                decided[i] = GOOD;
            } else {
                decided[i] = BAD;
            }
        }
        for (int i = 0; i < n; i++) {
            if (decided[i] != null) {
                ps[i].classType = decided[i];
            }
        }
    }

    /**
     * Near-good paragraphs become good unless both nearest good/bad neighbours are bad. Processed
     * in document order and in place, as jusText does, so an earlier decision is visible to later
     * paragraphs.
     */
    private static void resolveNearGood(Paragraph[] ps) {
        int n = ps.length;
        ParagraphClass[] nextStrict = new ParagraphClass[n];
        ParagraphClass strict = BAD;
        for (int i = n - 1; i >= 0; i--) {
            nextStrict[i] = strict;
            ParagraphClass c = ps[i].classType;
            if (c == GOOD || c == BAD) {
                strict = c;
            }
        }
        ParagraphClass prev = BAD;
        for (int i = 0; i < n; i++) {
            Paragraph p = ps[i];
            if (p.classType == NEARGOOD) {
                p.classType = (prev == BAD && nextStrict[i] == BAD) ? BAD : GOOD;
            }
            if (p.classType == GOOD || p.classType == BAD) {
                prev = p.classType;
            }
        }
    }

    /**
     * jusText's second heading pass: a heading that ended up bad but was not bad on its own is
     * rescued when a good paragraph follows within maxHeadingDistance characters.
     */
    private void promoteBadHeadings(Paragraph[] ps) {
        // Changes only happen at indices already passed, so the lookahead computed up front stays
        // exact for the remaining ones.
        int[] nextGood = nextIndexOf(ps, GOOD);
        long[] offsets = offsets(ps);
        for (int i = 0; i < ps.length; i++) {
            Paragraph p = ps[i];
            if (p.heading && p.classType == BAD && p.cfClass != BAD
                    && goodWithinReach(i, nextGood, offsets)) {
                p.classType = GOOD;
            }
        }
    }

    /**
     * jusText walks forward from i+1 summing the lengths of the paragraphs it passes and stops once
     * the sum exceeds maxHeadingDistance; the first good paragraph is the cheapest one to reach.
     */
    private boolean goodWithinReach(int i, int[] nextGood, long[] offsets) {
        int j = nextGood[i];
        return j >= 0 && offsets[j] - offsets[i + 1] <= params.maxHeadingDistance();
    }

    /** For each i, the smallest j > i whose class is {@code c}, or -1. */
    private static int[] nextIndexOf(Paragraph[] ps, ParagraphClass c) {
        int[] next = new int[ps.length];
        int found = -1;
        for (int i = ps.length - 1; i >= 0; i--) {
            next[i] = found;
            if (ps[i].classType == c) {
                found = i;
            }
        }
        return next;
    }

    /** offsets[k] = total length of paragraphs 0..k-1. */
    private static long[] offsets(Paragraph[] ps) {
        long[] offsets = new long[ps.length + 1];
        for (int i = 0; i < ps.length; i++) {
            offsets[i + 1] = offsets[i] + ps[i].length;
        }
        return offsets;
    }
}
