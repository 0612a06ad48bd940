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
