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
 * <p>Not thread-safe (it reuses a digest): one per thread or partition.
 */
public final class ExactKey {
    private final boolean normalize;
    private final MessageDigest sha1;
    private final StringBuilder buffer = new StringBuilder();

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
        String s = normalize ? normalized(text, buffer) : text;
        return HexFormat.of().formatHex(sha1.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The normalized form (for people and tests; {@link #of} hashes it). */
    public static String normalized(String text) {
        return normalized(text, new StringBuilder());
    }

    private static String normalized(String text, StringBuilder out) {
        if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
        }
        out.setLength(0);
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(Character.toLowerCase(cp));
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = true;
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
                out.appendCodePoint(cp); // part of a letter in many scripts
            }
            // Punctuation, symbols, controls: dropped, without separating the words around them.
        }
        return out.toString();
    }
}
