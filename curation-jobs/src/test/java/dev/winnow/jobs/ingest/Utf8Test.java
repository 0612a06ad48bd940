package dev.winnow.jobs.ingest;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test {

    private static boolean jdkValid(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void knownCases() {
        assertEquals(-1, Utf8.firstInvalid("plain ascii".getBytes(StandardCharsets.UTF_8), 0, 11));
        byte[] mixed = "Grüße 日本 😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, Utf8.firstInvalid(mixed, 0, mixed.length));
        assertEquals(2, Utf8.firstInvalid(new byte[] {'o', 'k', (byte) 0xFF}, 0, 3));
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2), "overlong NUL");
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3), "surrogate");
        assertEquals(1, Utf8.firstInvalid(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 3), "cut off");
        assertEquals(0, Utf8.firstInvalid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4),
                "above U+10FFFF");
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() {
        Random rnd = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(12)];
            for (int k = 0; k < b.length; k++) {
                // Bias towards the interesting bytes: lead and continuation bytes.
                b[k] = (byte) (rnd.nextBoolean() ? 0x80 + rnd.nextInt(0x80) : rnd.nextInt(256));
            }
            assertEquals(jdkValid(b), Utf8.firstInvalid(b, 0, b.length) < 0, () -> java.util.HexFormat.of().formatHex(b));
        }
    }

    /** Every position of a sequence inside ASCII runs, at every offset: the eight-byte skip's edges. */
    @Test
    void findsTheSameByteWhereverASequenceSitsInAsciiRuns() {
        byte[][] sequences = {
            "é".getBytes(StandardCharsets.UTF_8), "日".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8),
            {(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        };
        for (byte[] sequence : sequences) {
            boolean valid = jdkValid(sequence);
            for (int before = 0; before < 20; before++) {
                for (int after = 0; after < 20; after++) {
                    for (int off = 0; off < 3; off++) {
                        byte[] b = new byte[off + before + sequence.length + after + 2];
                        java.util.Arrays.fill(b, (byte) 'a');
                        if (off > 0) {
                            b[0] = (byte) 0xFF; // outside the range: must not be read
                        }
                        b[b.length - 1] = (byte) 0xFF;
                        System.arraycopy(sequence, 0, b, off + before, sequence.length);
                        int len = before + sequence.length + after;
                        int expected = valid ? -1 : off + before;
                        assertEquals(expected, Utf8.firstInvalid(b, off, len),
                                "sequence " + java.util.HexFormat.of().formatHex(sequence) + " after " + before + " at offset " + off);
                    }
                }
            }
        }
    }

    /** Counts and the first NUL, against the JDK's String and a plain loop, at every offset of random text. */
    @Test
    void countsCodePointsUtf16CharsAndNulsAtAnyOffset() {
        Random random = new Random(7);
        String[] pieces = {"a", "Z", " ", "\0", "é", "ß", "中", "日本", "😀", "\u0080", "\u07ff", "\u0800", "\uffff", "\ud83d\ude00"};
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] all = ("xyz" + text).getBytes(StandardCharsets.UTF_8);
            String t = text.toString();
            int off = 3;
            int len = all.length - 3;
            assertEquals(t.codePointCount(0, t.length()), Utf8.codePoints(all, off, len), t);
            assertEquals(t.length(), Utf8.utf16Length(all, off, len), t);
            assertEquals((int) t.chars().filter(c -> c == 0).count(), Utf8.countNul(all, off, len), t);
            int firstNul = -1;
            for (int i = off; i < all.length; i++) {
                if (all[i] == 0) {
                    firstNul = i;
                    break;
                }
            }
            assertEquals(firstNul, Utf8.indexOfNul(all, off, len), t);
        }
    }
}
