package dev.winnow.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * The key of exact deduplication: SHA-1 of the text, normalized or not. Normalized text is in
 * Unicode NFC, lower-cased, has punctuation and symbols removed and whitespace runs as one space,
 * trimmed, so copies that differ only in case, quoting, line wrapping or the encoding of accents
 * (é as one code point or as e + combining acute) share a key. 160 bits: no two
 * different texts of any corpus share a key by accident.
 *
 * <p>The normalized text goes as UTF-8 straight into a reused buffer and is hashed from there;
 * ASCII words are copied in a tight loop. The keys are those of the first version, which built a
 * String code point by code point ({@code ExactKeyTest} compares the two on every BMP character).
 *
 * <p>Not thread-safe (it reuses a digest and buffers): one per thread or partition.
 */
public final class ExactKey {
    /** ASCII characters by what normalization does with them. */
    private static final byte DROP = 0;
    private static final byte WORD = 1;
    private static final byte SPACE = 2;
    private static final byte[] ASCII = new byte[0x80];
    private static final byte[] LOWER = new byte[0x80];
    /** The largest buffer kept between texts, in bytes. */
    private static final int KEPT_BUFFER = 1 << 22;

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII[c] = Character.isLetterOrDigit(c) ? WORD
                    : Character.isWhitespace(c) || Character.isSpaceChar(c) ? SPACE : DROP;
            LOWER[c] = (byte) Character.toLowerCase(c);
        }
    }

    private final boolean normalize;
    private final MessageDigest sha1;
    /** The normalized text of the last call, UTF-8, in [0, length). */
    private byte[] utf8 = new byte[1024];
    private int length;
    /** The text's chars; {@link #utf8} has 3 bytes for each and one more. */
    private char[] chars = new char[341];

    public ExactKey(boolean normalize) {
        this.normalize = normalize;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }

    /** 40 hex digits. */
    public String of(String text) {
        if (!normalize) {
            return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        normalizeToUtf8(text);
        sha1.update(utf8, 0, length);
        if (utf8.length > KEPT_BUFFER) {
            chars = new char[341]; // one huge document should not hold its copies for the thread's life
            utf8 = new byte[1024];
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    /** The normalized form (for people and tests; {@link #of} hashes its UTF-8 bytes). */
    public static String normalized(String text) {
        ExactKey key = new ExactKey(true);
        key.normalizeToUtf8(text);
        return new String(key.utf8, 0, key.length, StandardCharsets.UTF_8);
    }

    /**
     * The normalized text's UTF-8 bytes into {@link #utf8}, written directly (no String, no second
     * encoding pass), ASCII by a table, the rest by Character's properties per code point.
     */
    private void normalizeToUtf8(String text) {
        if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
        }
        int n = text.length();
        if (chars.length < n) {
            chars = new char[n];
            utf8 = new byte[3 * n + 1]; // a char is at most 3 bytes, a surrogate pair 4; one space more
        }
        char[] in = chars;
        text.getChars(0, n, in, 0); // array reads in the loop: String.charAt checks its coder and bounds each time
        byte[] out = utf8;
        int len = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < n; ) {
            char c = in[i];
            if (c < 0x80) {
                int what = ASCII[c];
                if (what == WORD) {
                    if (pendingSpace && len > 0) {
                        out[len++] = ' ';
                    }
                    pendingSpace = false;
                    // The rest of the word in a tight loop: one mispredicted branch per word, not per character.
                    do {
                        out[len++] = LOWER[c];
                    } while (++i < n && (c = in[i]) < 0x80 && ASCII[c] == WORD);
                    continue;
                }
                pendingSpace |= what == SPACE;
                i++;
                continue; // punctuation, symbols, controls: dropped, without separating the words around them
            }
            int cp = Character.codePointAt(in, i, n);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSpace && len > 0) {
                    out[len++] = ' ';
                }
                pendingSpace = false;
                len = putUtf8(out, len, Character.toLowerCase(cp));
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = true;
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
                len = putUtf8(out, len, cp); // part of a letter in many scripts
            }
        }
        length = len;
    }

    /** Code point {@code cp} (never a surrogate: those are dropped) as UTF-8 at {@code at}; the new end. */
    private static int putUtf8(byte[] out, int at, int cp) {
        if (cp < 0x80) {
            out[at++] = (byte) cp;
        } else if (cp < 0x800) {
            out[at++] = (byte) (0xC0 | cp >> 6);
            out[at++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[at++] = (byte) (0xE0 | cp >> 12);
            out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[at++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[at++] = (byte) (0xF0 | cp >> 18);
            out[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[at++] = (byte) (0x80 | cp & 0x3F);
        }
        return at;
    }
}
