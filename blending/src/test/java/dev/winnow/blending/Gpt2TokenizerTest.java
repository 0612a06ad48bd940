package dev.winnow.blending;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Gpt2TokenizerTest {
    private static final Gpt2Tokenizer TOKENIZER = Gpt2Tokenizer.shared();

    @Test
    void idsMatchAnIndependentImplementationOnEveryText() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        int texts = 0;
        long tokens = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Gpt2TokenizerTest.class.getResourceAsStream("gpt2-expected.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode n = json.readTree(line);
                String text = n.get("text").asText();
                int[] expected = new int[n.get("ids").size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = n.get("ids").get(i).asInt();
                }
                int[] actual = TOKENIZER.encode(text);
                if (!Arrays.equals(expected, actual)) {
                    mismatches.add(text.substring(0, Math.min(60, text.length())));
                }
                texts++;
                tokens += expected.length;
            }
        }
        assertEquals(380, texts);
        assertTrue(tokens > 20_000, "tokens " + tokens);
        assertEquals(List.of(), mismatches);
    }

    /**
     * Our encoder against jtokkit's on generated text that stresses the pre-tokenizer and the merge:
     * contractions, Unicode white space and letters, digits, symbol runs, emoji, lone surrogates,
     * and unbroken runs longer than {@link BytePairMerge#LONG_PIECE} bytes.
     */
    @Test
    void idsMatchJtokkitOnGeneratedText() {
        com.knuddels.jtokkit.api.Encoding jtokkit = com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry()
                .getEncoding(com.knuddels.jtokkit.api.EncodingType.R50K_BASE);
        String[] parts = {
            "the", " The", "ing", "'s", "'ll", "'ve", "'re", "'d", "'t", "'m", "'S", " don't", "  ", "   ", "\n", "\n\n",
            "\t", "\r\n", "\u00a0", "\u2028", "\u3000", "\u200b", "\ufeff", " 12", "345", "\u0663\u0664", "\u00bd",
            "caf\u00e9", "e\u0301", "na\u00efve", "\u4e2d\u6587", "\u0416\u0438\u0437\u043d\u044c", "\u05e9\u05dc\u05d5\u05dd",
            "\ud83d\ude00", "\ud83d\udc4d\ud83c\udffd", "\ud800", "\udc00", "!!", "...", " --", "==", "(", ")", "{\"a\":1}",
            "http://x.org/a?b=c", "<|endoftext|>", "\u0000", "\u007f", "\u0085",
        };
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        long tokens = 0;
        for (int t = 0; t < 4000; t++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(20);
                if (kind == 0) {
                    // An unbroken run: past the merge's long-piece threshold.
                    String unit = parts[random.nextInt(parts.length)].strip();
                    int repeats = 40 + random.nextInt(200);
                    for (int k = 0; k < repeats; k++) {
                        text.append(unit.isEmpty() ? "x" : unit);
                    }
                } else if (kind == 1) {
                    text.appendCodePoint(random.nextInt(0x30000));
                } else {
                    text.append(parts[random.nextInt(parts.length)]);
                }
            }
            String s = text.toString();
            int[] expected = jtokkit.encodeOrdinary(s).toArray();
            assertArrayEquals(expected, TOKENIZER.encode(s), () -> "text " + s.codePoints()
                    .mapToObj(c -> String.format("U+%04X", c)).limit(400).toList());
            tokens += expected.length;
        }
        assertTrue(tokens > 200_000, "tokens " + tokens);
    }

    @Test
    void decodingRejectsAnIdOutsideTheVocabulary() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TOKENIZER.decode(new int[] {15496, 50257}));
        assertTrue(e.getMessage().contains("50257"), e.getMessage());
        assertEquals("Hello<|endoftext|>", TOKENIZER.decode(new int[] {15496, Gpt2Tokenizer.END_OF_DOCUMENT}));
    }

    @Test
    void knownIdsAndTheEndOfDocumentToken() {
        assertArrayEquals(new int[] {15496, 11, 995, 0}, TOKENIZER.encode("Hello, world!"));
        assertEquals(50257, Gpt2Tokenizer.VOCAB_SIZE);
        assertEquals(50256, Gpt2Tokenizer.END_OF_DOCUMENT);
        int[] literal = TOKENIZER.encode("<|endoftext|>");
        assertTrue(literal.length > 1 && Arrays.stream(literal).noneMatch(i -> i == Gpt2Tokenizer.END_OF_DOCUMENT),
                "a literal <|endoftext|> is ordinary text");
        assertEquals(0, TOKENIZER.encode("").length);
    }

    @Test
    void decodingGivesTheTextBack() {
        for (String s : List.of("Café naïve résumé", "Emoji 😀 and 中文", "  spaces\n\nand lines\t")) {
            assertEquals(s, TOKENIZER.decode(TOKENIZER.encode(s)));
        }
    }
}
