package dev.winnow.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hand-written decoder must agree with the JDK's strict UTF-8 decoder on every input. */
class StrictUtf8Test {

    private final CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private final CharBuffer out = CharBuffer.allocate(8);

    /** Code point the JDK decodes from exactly these bytes as ONE char, or -1. */
    private int jdkSingle(byte[] bytes) {
        jdk.reset();
        out.clear();
        // The CoderResult API reports errors without exceptions, which keeps the sweep fast.
        CoderResult r = jdk.decode(ByteBuffer.wrap(bytes), out, true);
        if (r.isError() || jdk.flush(out).isError()) {
            return -1;
        }
        out.flip();
        String s = out.toString();
        return s.codePointCount(0, s.length()) == 1 ? s.codePointAt(0) : -1;
    }

    /** Our decoder on the same bytes spelled as cp1252 chars; -1 unless it consumes them all. */
    private static int oursSingle(byte[] bytes) {
        String s = Mojibake.decodeBytes(bytes);
        int packed = StrictUtf8.decodeAt(s, 0, s.length());
        return packed != 0 && StrictUtf8.length(packed) == bytes.length
                ? StrictUtf8.codePoint(packed) : -1;
    }

    private void check(byte[] bytes) {
        assertEquals(jdkSingle(bytes), oursSingle(bytes), () -> hex(bytes));
    }

    @Test
    void everyTwoByteInputAgrees() {
        for (int a = 0x80; a <= 0xFF; a++) {
            for (int b = 0x00; b <= 0xFF; b++) {
                check(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void everyThreeByteInputAgrees() {
        // Every lead with every second/third byte from 0x7F (ASCII) through 0xC0 (not a
        // continuation), which covers each range edge of Table 3-7.
        int checked = 0;
        for (int a = 0x80; a <= 0xFF; a++) {
            for (int b = 0x7F; b <= 0xC0; b++) {
                for (int c = 0x7F; c <= 0xC0; c++) {
                    check(new byte[] {(byte) a, (byte) b, (byte) c});
                    checked++;
                }
            }
        }
        assertEquals(128 * 66 * 66, checked);
    }

    @Test
    void everyFourByteInputAgrees() {
        for (int a = 0xF0; a <= 0xF7; a++) {
            for (int b = 0x7F; b <= 0xC0; b++) {
                for (int c = 0x7F; c <= 0xC0; c++) {
                    for (int d = 0x7F; d <= 0xC0; d++) {
                        check(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                    }
                }
            }
        }
    }

    @Test
    void onlyTheCharsOfLeadBytesC2ToF4StartASequence() {
        // Continuations 0xA0 suit every lead but ED and F4; 0x80 every lead but E0 and F0.
        String high = "\u00A0\u00A0\u00A0";
        String low = "\u0080\u0080\u0080";
        for (int c = 0; c <= 0xFFFF; c++) {
            int b = Cp1252.byteOf((char) c);
            boolean lead = b >= 0xC2 && b <= 0xF4;
            String a = (char) c + high;
            String z = (char) c + low;
            boolean decoded = StrictUtf8.decodeAt(a, 0, a.length()) != 0 || StrictUtf8.decodeAt(z, 0, z.length()) != 0;
            assertEquals(lead, decoded, "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void cp1252MappingRoundTripsEveryHighByte() {
        for (int b = 0x80; b <= 0xFF; b++) {
            char c = Mojibake.decodeBytes(new byte[] {(byte) b}).charAt(0);
            assertEquals(b, Cp1252.byteOf(c), "JDK cp1252 char for byte " + Integer.toHexString(b));
            assertEquals(c, Cp1252.charOf(b));
            assertEquals(b, Cp1252.byteOf((char) b), "Latin-1 char for byte " + Integer.toHexString(b));
        }
        assertEquals(-1, Cp1252.byteOf('A'));
        assertEquals(-1, Cp1252.byteOf('\u0100'));
        assertEquals(-1, Cp1252.byteOf('\u2028'));
    }

    @Test
    void segmentEndStopsAtFirstNonSequence() {
        String s = "xÃ©Ã©»y";
        assertEquals(5, StrictUtf8.segmentEnd(s, 1));
        assertEquals(0, StrictUtf8.segmentEnd(s, 0));
        assertEquals(5, StrictUtf8.segmentEnd(s, 5));
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02X ", b & 0xFF));
        }
        return sb.toString().trim();
    }
}
