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
}
