package dev.winnow.jobs.clean;

/**
 * Repairs text whose UTF-8 bytes were decoded as Windows-1252 or ISO-8859-1 ("CafÃ©" → "Café",
 * "donâ€™t" → "don’t", "ðŸ˜€" → "😀"), including text that went through that mistake two or
 * three times.
 *
 * <p>How: every maximal run of back-to-back well-formed UTF-8 sequences (each char mapped to its
 * byte by {@link Cp1252}) is a candidate; {@link MojibakeHeuristics} decides which candidates
 * are mojibake and which are legitimate Latin-1 text ("Straße", "½ cup" and "ÀÉÎÕÜ" contain no
 * well-formed sequence at all; "Spaß“" or "JOSÉ’s" do, and are recognised as legitimate).
 * Only the decoded candidates are replaced, so mixed good and bad text is handled piecewise.
 *
 * <p>Hot path: a string without chars ≥ U+0080, or without any repairable candidate, is returned
 * as the same instance, after one scan and no allocation.
 */
public final class MojibakeRepair {

    /** Rounds for multiply-encoded text; each round undoes one UTF-8 → cp1252 mis-decode. */
    static final int MAX_ROUNDS = 3;

    private MojibakeRepair() {}

    /**
     * Returns {@code s} with mojibake repaired, or {@code s} itself when there is nothing to
     * repair; {@code null} stays {@code null}.
     */
    public static String repair(String s) {
        if (s == null) {
            return null;
        }
        String current = s;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = repairOnce(current);
            if (next == current) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** One round; returns the same instance when nothing changed. */
    static String repairOnce(String s) {
        int len = s.length();
        int first = 0;
        while (first < len && s.charAt(first) < 0x80) {
            first++;
        }
        if (first == len) {
            return s;
        }
        // Ambiguous candidates are repaired only next to clear ones, so look for one first.
        if (!hasClearSegment(s, first)) {
            return s;
        }
        return rewrite(s, first);
    }

    private static boolean hasClearSegment(String s, int from) {
        int len = s.length();
        int i = from;
        while (i < len) {
            if (s.charAt(i) < 0x80) {
                i++;
                continue;
            }
            int end = StrictUtf8.segmentEnd(s, i);
            if (end == i) {
                i++;
            } else if (MojibakeHeuristics.classify(s, i, end) == MojibakeHeuristics.CLEAR) {
                return true;
            } else {
                i = end;
            }
        }
        return false;
    }

    /** Rewrites every CLEAR or AMBIGUOUS segment; called only when a CLEAR one exists. */
    private static String rewrite(String s, int from) {
        int len = s.length();
        StringBuilder out = new StringBuilder(len);
        out.append(s, 0, from);
        int copied = from;
        int i = from;
        while (i < len) {
            if (s.charAt(i) < 0x80) {
                i++;
                continue;
            }
            int end = StrictUtf8.segmentEnd(s, i);
            if (end == i) {
                i++;
                continue;
            }
            if (MojibakeHeuristics.classify(s, i, end) != MojibakeHeuristics.SKIP) {
                out.append(s, copied, i);
                appendDecoded(out, s, i, end);
                copied = end;
            }
            i = end;
        }
        out.append(s, copied, len);
        return out.toString();
    }

    private static void appendDecoded(StringBuilder out, String s, int start, int end) {
        int i = start;
        while (i < end) {
            int packed = StrictUtf8.decodeAt(s, i, end);
            out.appendCodePoint(StrictUtf8.codePoint(packed));
            i += StrictUtf8.length(packed);
        }
    }
}
