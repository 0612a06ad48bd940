package dev.winnow.blending;

/**
 * GPT-2's pre-tokenizer written out: where the piece that starts at a position ends, as
 * {@code Matcher.find} of GPT-2's pattern would find it,
 * <pre>'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</pre>
 * with Unicode classes ({@code \s} is White_Space). Every code point is a letter, a number, white
 * space or other, so the pieces tile the text and a scan needs no search. Code points are read as
 * Java's regex reads them: a surrogate without its pair is one code point of its own (other).
 * The regex engine spent 5–9% of the blend stage's CPU on this; the scan costs a table lookup per
 * ASCII character. {@link #PATTERN} is the definition the tests hold it to.
 */
final class Gpt2PreTokenizer {
    /** GPT-2's pattern (OpenAI's encoder.py), for the tests: UNICODE_CHARACTER_CLASS as in Python's regex. */
    static final String PATTERN = "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte SPACE = 3;

    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = classify(c);
        }
    }

    private Gpt2PreTokenizer() {
    }

    /** The class of a code point: {@code \p{L}}, {@code \p{N}}, White_Space, or none of them. */
    static byte classOf(int cp) {
        return cp < 128 ? ASCII[cp] : classify(cp);
    }

    private static byte classify(int cp) {
        int type = Character.getType(cp);
        switch (type) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER:
                return LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return NUMBER;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return SPACE;
            default:
                // White_Space outside the separator categories: TAB..CR and NEL.
                return (cp >= 0x9 && cp <= 0xD) || cp == 0x85 ? SPACE : OTHER;
        }
    }

    /** The end of the piece that starts at {@code start} ({@code start < text.length()}). */
    static int end(String text, int start) {
        int n = text.length();
        char c = text.charAt(start);
        if (c == '\'' && start + 1 < n) {
            char d = text.charAt(start + 1);
            if (d == 's' || d == 'd' || d == 'm' || d == 't') {
                return start + 2;
            }
            if (start + 2 < n) {
                char e = text.charAt(start + 2);
                if ((d == 'l' && e == 'l') || (d == 'v' && e == 'e') || (d == 'r' && e == 'e')) {
                    return start + 3;
                }
            }
        }
        // " ?" then a run of one class: the space joins a letter, number or other run after it.
        int from = start;
        int cp = text.codePointAt(start);
        byte kind = classOf(cp);
        if (c == ' ' && start + 1 < n) {
            int next = text.codePointAt(start + 1);
            byte nextKind = classOf(next);
            if (nextKind != SPACE) {
                from = start + 1;
                cp = next;
                kind = nextKind;
            }
        }
        if (kind != SPACE) {
            int i = from + Character.charCount(cp);
            while (i < n) {
                int x = text.codePointAt(i);
                if (classOf(x) != kind) {
                    break;
                }
                i += Character.charCount(x);
            }
            return i;
        }
        // White space: the whole run at the end of the text, else all of it but the last character
        // (which then starts the next piece, e.g. " word"), and a run of one stays whole.
        int i = start + 1; // every White_Space character is one char
        while (i < n && classOf(text.codePointAt(i)) == SPACE) {
            i++;
        }
        return i == n || i - start == 1 ? i : i - 1;
    }
}
