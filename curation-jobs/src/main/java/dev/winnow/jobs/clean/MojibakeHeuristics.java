package dev.winnow.jobs.clean;

/**
 * Decides whether a segment that decodes as UTF-8 is mojibake or legitimate Latin-1 text.
 *
 * <p>A segment is a maximal run of back-to-back well-formed UTF-8 sequences (see
 * {@link StrictUtf8#segmentEnd}). Verdicts:
 * <ul>
 *   <li>{@link #CLEAR}: unambiguous mojibake; repaired, and its presence is evidence that the
 *       string went through a UTF-8 → cp1252 mis-decode.</li>
 *   <li>{@link #AMBIGUOUS}: reads equally well as legitimate text (e.g. "SJÃ–" could be the
 *       Portuguese "Ã" before an en dash, or "SJÖ"); repaired only when the same string also
 *       holds a CLEAR segment.</li>
 *   <li>{@link #SKIP}: never repaired.</li>
 * </ul>
 *
 * <p>Why this is safe for legitimate text: well-formed UTF-8 needs a lead byte (Â..ô) directly
 * followed by continuation bytes, which as cp1252 are symbols and punctuation (€ ‚ … ’ “ ” – —
 * © ° ² » ¿ ...). Real Latin-1 prose almost never glues those to a letter; where it does, it is a
 * letter ending a word followed by closing punctuation ("Spaß“", "JOSÉ’s", "«ÉTÉ»", "café’”"),
 * which {@link #looksLikeLegitText} recognises, or a capital followed by ™/®/° ("NESTLÉ®"). Two
 * or more sequences back to back ("ÐŸÑ€", "Ã©Ã©") or a 3/4-byte sequence whose second char is
 * not closing punctuation ("â€™", "ðŸ˜€") are practically never legitimate.
 *
 * <p>Known residual ambiguity (documented in tests): a lone 2-byte segment that looks like a
 * word-final capital plus closing punctuation, e.g. "IRMÃ”" (Portuguese) versus "Ã”" = "Ô", stays
 * as-is unless the string has other, clear mojibake; with such evidence it is repaired, so a
 * string mixing real mojibake with legitimate "“Ä”" would turn the latter into "Ĕ". Text that
 * glues symbols straight onto the next word ("MAÇÃ…pão", "irmã°°C") reads as mojibake and can be
 * damaged; ordinary spacing around punctuation is what the legitimate-text rules rely on.
 */
final class MojibakeHeuristics {

    static final int SKIP = 0;
    static final int AMBIGUOUS = 1;
    static final int CLEAR = 2;

    private MojibakeHeuristics() {}

    /** Verdict for the segment {@code s[start, end)}; the segment holds at least one sequence. */
    static int classify(String s, int start, int end) {
        int first = StrictUtf8.decodeAt(s, start, end);
        int firstLen = StrictUtf8.length(first);
        if (start + firstLen < end) {
            return classifyRun(s, start, end);
        }
        int cp = StrictUtf8.codePoint(first);
        if (!plausibleAlone(cp)) {
            return SKIP;
        }
        if (!looksLikeLegitText(s, start, end)) {
            return CLEAR;
        }
        // Only letters are worth repairing on evidence ("Ù\u00A0" → Arabic digit zero is not).
        return Character.isLetter(cp) ? AMBIGUOUS : SKIP;
    }

    /**
     * Two or more sequences back to back: mojibake, unless it decodes to unassigned BMP chars, or
     * every sequence reads as legitimate text on its own, which happens when words are glued by
     * joining punctuation ("MANHÃ’Å\u00A0você" = "MANHÃ" ’ "Å" NBSP "você"). Such a run is
     * repaired only on evidence, and only into believable letters.
     */
    private static int classifyRun(String s, int start, int end) {
        boolean legitLooking = true;
        boolean believableLetters = true;
        int i = start;
        while (i < end) {
            int packed = StrictUtf8.decodeAt(s, i, end);
            int cp = StrictUtf8.codePoint(packed);
            int next = i + StrictUtf8.length(packed);
            // Supplementary code points are accepted even when this JDK does not know them:
            // that is where new emoji are assigned.
            if (cp < 0x10000 && !Character.isDefined(cp)) {
                return SKIP; // e.g. legitimate "×½×¾" decodes to unassigned Hebrew slots
            }
            legitLooking = legitLooking && looksLikeLegitText(s, i, next);
            believableLetters = believableLetters && Character.isLetter(cp) && plausibleAlone(cp);
            i = next;
        }
        if (!legitLooking) {
            return CLEAR;
        }
        return believableLetters ? AMBIGUOUS : SKIP;
    }

    /**
     * Whether {@code cp} is a believable target for a lone sequence. Blocks that are rare in real
     * text but reachable from common capitals (É → U+0240..027F IPA, Ê/Ë → IPA and modifiers,
     * Ô/Õ → Armenian, Ö → Hebrew points, Ü/Ý → Syriac, Þ → Thaana, ß → NKo) are excluded, which
     * keeps "JOSÉ’s", "NESTLÉ®", "ÉTÉ\u00A0!", "Spaß“" intact whatever the context.
     */
    static boolean plausibleAlone(int cp) {
        if (cp < 0xA0) {
            return false; // C1 controls
        }
        if (cp < 0x220) {
            return true; // Latin-1 Supplement, Latin Extended-A, common Extended-B (ƒ, ǎ, ș, ț)
        }
        if (cp < 0x300) {
            return false; // rare Extended-B tail, IPA, spacing modifiers
        }
        if (cp < 0x400) {
            return Character.isDefined(cp); // combining diacritics (NFD text), Greek
        }
        if (cp < 0x500) {
            return true; // Cyrillic
        }
        if (cp < 0x590) {
            return false; // Cyrillic Supplement, Armenian
        }
        if (cp < 0x700) {
            return Character.isLetter(cp); // Hebrew and Arabic letters, not points or digits
        }
        if (cp < 0x800) {
            return false; // Syriac, Arabic Supplement, Thaana, NKo
        }
        int type = Character.getType(cp);
        if (type == Character.PRIVATE_USE || type == Character.SURROGATE) {
            return false;
        }
        return cp >= 0x10000 || Character.isDefined(cp);
    }

    /**
     * Whether the lone sequence {@code s[start, end)} reads as legitimate text: a letter ending a
     * word (or a lone letter), then punctuation that legitimately closes a word. Rejected (so:
     * mojibake) are "Â" + anything, a lowercase-to-capital jump ("siÄ™" is "się"), "Ã" anywhere
     * but at the end of a word in capitals, punctuation glued to the next word unless it joins
     * words (apostrophe, dash, NBSP, soft hyphen after "JOSÉ", "PÅ"), and a lone capital glued
     * to a word by a soft hyphen.
     */
    static boolean looksLikeLegitText(String s, int start, int end) {
        char lead = s.charAt(start);
        if (lead == '\u00C2' || !Character.isLetter(lead)) {
            // "Â" + symbol ("Â°", "Â©", "Â" + NBSP) is the classic signature: no language ends a
            // word in "Â". A non-letter lead is "×", and legitimate "×" + symbol is rare.
            return false;
        }
        int prev = start > 0 ? s.codePointBefore(start) : -1;
        boolean startsWord = prev < 0 || !Character.isLetter(prev);
        if (Character.isUpperCase(lead) && prev >= 0 && Character.isLowerCase(prev)) {
            return false;
        }
        char next = s.charAt(start + 1);
        if (end - start > 2) {
            // 3/4 bytes: a lowercase letter (à..ï, ð..ô) ending a word, or one of the one-letter
            // words à/å/è/é, then quotes, dashes, ellipsis or NBSP, then whatever starts the next
            // token ("café’”", "così\u00A0Škoda", "è—…"). Any other word start ("ï»¿" BOM,
            // " æ—¥ ") is mojibake. Vietnamese "Viá»‡t" reads as legitimate and is left to the
            // evidence rule.
            return (!startsWord || isOneLetterWord(lead)) && isWordEndPunct(next);
        }
        if (lead == '\u00C3' && (prev < 0 || !Character.isUpperCase(prev))) {
            // "Ã" ends words only in Portuguese ("IRMÃ", "MANHÃ"), in capitals, so a lone "Ã"
            // before a symbol is "é", "à", "×", ... ("ela Ã© bonita", "3 Ã— 4").
            return false;
        }
        if (!isWordEndPunct(next) && !isWordEndMark(next)) {
            return false;
        }
        if (end == s.length()) {
            return true;
        }
        int following = s.codePointAt(end);
        if (!Character.isLetterOrDigit(following)) {
            return true;
        }
        if (!joinsWords(next)) {
            return false;
        }
        if (!startsWord) {
            return true; // "JOSÉ’s", "PÅ—and", "IRMÃ\u00A0FOI"
        }
        // A lone letter glued to a word: "Ö’s", "È—così", "Å\u00A0word" are fine; a soft hyphen
        // (a hyphenation point inside a word) after a one-letter word is not.
        return next != '\u00AD';
    }

    /** Lowercase 3-byte leads that are words on their own (French, Italian, Portuguese, Nordic). */
    private static boolean isOneLetterWord(char c) {
        return c == '\u00E0' || c == '\u00E5' || c == '\u00E8' || c == '\u00E9';
    }

    /** Quotes, guillemets, ellipsis, dashes and NBSP: what commonly follows a word. */
    static boolean isWordEndPunct(char c) {
        switch (c) {
            case '\u2019': case '\u2018': case '\u201D': case '\u201C':
            case '\u00BB': case '\u00AB': case '\u203A': case '\u2039':
            case '\u2026': case '\u2013': case '\u2014': case '\u00A0':
                return true;
            default:
                return false;
        }
    }

    /** Marks that may follow a word or a capital: ™ ® © ° ª º ¹ ² ³ · ´ ¨ † ‡ and soft hyphen. */
    static boolean isWordEndMark(char c) {
        switch (c) {
            case '\u2122': case '\u00AE': case '\u00A9': case '\u00B0':
            case '\u00AA': case '\u00BA': case '\u00B9': case '\u00B2': case '\u00B3':
            case '\u00B7': case '\u00B4': case '\u00A8': case '\u2020': case '\u2021':
            case '\u00AD':
                return true;
            default:
                return false;
        }
    }

    /** Punctuation that legitimately sits between two words without a space. */
    static boolean joinsWords(char c) {
        switch (c) {
            case '\u2019': case '\u00B4': case '\u2013': case '\u2014':
            case '\u00A0': case '\u00AD':
                return true;
            default:
                return false;
        }
    }
}
