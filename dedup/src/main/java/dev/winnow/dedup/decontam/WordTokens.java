package dev.winnow.dedup.decontam;

import dev.winnow.dedup.Hashing;

import java.util.Arrays;

/**
 * The words of one text as decontamination sees them: lower-cased {@code \w+} runs (Python's
 * {@code re.findall(r"\w+", text.lower())}, as Megatron's {@code filter_ngrams.py}), with their
 * character spans in the original text, a 64-bit hash each, and prefix hashes so that the hash of
 * any run of consecutive words costs one multiply.
 *
 * <p>A word character is what Python's {@code \w} matches: a letter, a digit or other number
 * (categories L*, Nd, Nl, No) or {@code _}. Case is folded one code point at a time
 * ({@link Character#toLowerCase(int)}), on both sides of a comparison, so spans stay aligned.
 *
 * <p>Reusable and not thread-safe: one per thread, {@link #tokenize} per text.
 */
public final class WordTokens {
    /** The base of the polynomial n-gram hash (odd, so multiplication by it is invertible). */
    static final long BASE = 0x9E3779B97F4A7C15L;
    private static final long CHAR_PRIME = 0x100000001B3L;
    private static final boolean[] ASCII_WORD = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }

    private String text = "";
    private int count;
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private long[] hashes = new long[256];
    /** prefix[k] = polynomial hash of words [0, k). */
    private long[] prefix = new long[257];
    private long[] powers = {1L};

    /** Whether Python's {@code \w} matches code point {@code cp}. */
    public static boolean isWordChar(int cp) {
        if (cp < 128) {
            return ASCII_WORD[cp];
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** Splits {@code text} into words; replaces what the previous call held. */
    public WordTokens tokenize(String text) {
        this.text = text;
        count = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128 ? !ASCII_WORD[c] : !isWordChar(text.codePointAt(i))) {
                i += c < 128 ? 1 : Character.charCount(text.codePointAt(i));
                continue;
            }
            int start = i;
            long h = 0;
            while (i < n) {
                c = text.charAt(i);
                if (c < 128) {
                    if (!ASCII_WORD[c]) {
                        break;
                    }
                    if (c >= 'A' && c <= 'Z') {
                        c += 'a' - 'A';
                    }
                    h = (h ^ c) * CHAR_PRIME;
                    i++;
                } else {
                    int cp = text.codePointAt(i);
                    if (!isWordChar(cp)) {
                        break;
                    }
                    h = (h ^ Character.toLowerCase(cp)) * CHAR_PRIME;
                    i += Character.charCount(cp);
                }
            }
            add(start, i, Hashing.mix(h));
        }
        return this;
    }

    private void add(int start, int end, long hash) {
        if (count == starts.length) {
            int grown = count * 2;
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            hashes = Arrays.copyOf(hashes, grown);
            prefix = Arrays.copyOf(prefix, grown + 1);
        }
        starts[count] = start;
        ends[count] = end;
        hashes[count] = hash;
        prefix[count + 1] = prefix[count] * BASE + hash;
        count++;
    }

    /** The text last tokenized. */
    public String text() {
        return text;
    }

    /** Number of words. */
    public int size() {
        return count;
    }

    /** Character offset of word {@code i} in the text. */
    public int start(int i) {
        return starts[i];
    }

    /** Character offset just after word {@code i}. */
    public int end(int i) {
        return ends[i];
    }

    /** Hash of word {@code i} (of its lower-cased characters). */
    public long hash(int i) {
        return hashes[i];
    }

    /**
     * Hash of the {@code length} words from word {@code from}: equal word sequences (after case
     * folding) hash alike in any text, whatever separates their words.
     */
    public long ngram(int from, int length) {
        return Hashing.mix(prefix[from + length] - prefix[from] * power(length));
    }

    /** BASE^length, cached (the n-gram sizes in use are few and small). */
    long power(int length) {
        if (length >= powers.length) {
            long[] grown = Arrays.copyOf(powers, length + 1);
            for (int k = powers.length; k <= length; k++) {
                grown[k] = grown[k - 1] * BASE;
            }
            powers = grown;
        }
        return powers[length];
    }

    /** Word {@code i}, lower-cased as it is hashed. */
    public String word(int i) {
        StringBuilder b = new StringBuilder(ends[i] - starts[i]);
        appendLower(b, i);
        return b.toString();
    }

    /** Words {@code [from, from + length)}, lower-cased and joined by single spaces. */
    public String words(int from, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + length; i++) {
            if (i > from) {
                b.append(' ');
            }
            appendLower(b, i);
        }
        return b.toString();
    }

    private void appendLower(StringBuilder b, int i) {
        for (int k = starts[i]; k < ends[i]; ) {
            int cp = text.codePointAt(k);
            b.appendCodePoint(Character.toLowerCase(cp));
            k += Character.charCount(cp);
        }
    }
}
