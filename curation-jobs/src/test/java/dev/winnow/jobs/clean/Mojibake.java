package dev.winnow.jobs.clean;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Test oracle: produces mojibake the way broken pipelines do, using the JDK's own windows-1252
 * decoder (independent of {@link Cp1252}) and falling back to Latin-1 for bytes cp1252 leaves
 * undefined.
 */
final class Mojibake {

    private static final char[] BYTE_TO_CHAR = new char[256];

    static {
        CharsetDecoder dec = Charset.forName("windows-1252").newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int b = 0; b < 256; b++) {
            try {
                CharBuffer cb = dec.reset().decode(ByteBuffer.wrap(new byte[] {(byte) b}));
                BYTE_TO_CHAR[b] = cb.get(0);
            } catch (CharacterCodingException e) {
                BYTE_TO_CHAR[b] = (char) b; // Latin-1 fallback
            }
        }
    }

    private Mojibake() {}

    /** UTF-8 bytes of {@code s} read back as cp1252-with-Latin-1-fallback. */
    static String of(String s) {
        return decodeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code s} mis-decoded {@code times} times over. */
    static String of(String s, int times) {
        String out = s;
        for (int i = 0; i < times; i++) {
            out = of(out);
        }
        return out;
    }

    static String decodeBytes(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** Like {@link #of} but pure Latin-1 (C1 controls instead of cp1252 punctuation). */
    static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
