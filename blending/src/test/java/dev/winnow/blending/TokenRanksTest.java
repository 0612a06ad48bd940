package dev.winnow.blending;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRanksTest {
    private static TokenRanks of(String... tokens) {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            file.append(Base64.getEncoder().encodeToString(tokens[i].getBytes(StandardCharsets.UTF_8))).append(' ').append(i).append('\n');
        }
        return TokenRanks.readTiktoken(new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.US_ASCII)), "test");
    }

    @Test
    void everyTokenOfGpt2IsFoundAtItsRankAndItsBytesComeBack() throws Exception {
        TokenRanks ranks;
        try (var in = Gpt2Tokenizer.class.getResourceAsStream(Gpt2Tokenizer.VOCABULARY)) {
            ranks = TokenRanks.readTiktoken(in, Gpt2Tokenizer.VOCABULARY);
        }
        assertEquals(Gpt2Tokenizer.END_OF_DOCUMENT, ranks.size());
        byte[] buffer = new byte[300];
        for (int r = 0; r < ranks.size(); r++) {
            // Placed at an offset, so that the lookup must honour the range.
            buffer[0] = 'x';
            int end = ranks.copyBytes(r, buffer, 1);
            assertEquals(r, ranks.rank(buffer, 1, end), "token " + r);
        }
    }

    @Test
    void rangesThatAreNoTokenAreAbsent() {
        TokenRanks ranks = of("a", "b", "ab", "abc");
        byte[] text = "xabcab".getBytes(StandardCharsets.US_ASCII);
        assertEquals(3, ranks.rank(text, 1, 4));
        assertEquals(2, ranks.rank(text, 4, 6));
        assertEquals(TokenRanks.ABSENT, ranks.rank(text, 0, 2));
        assertEquals(TokenRanks.ABSENT, ranks.rank(text, 2, 4), "bc");
        assertEquals(TokenRanks.ABSENT, ranks.rank(text, 1, 1), "empty");
    }

    @Test
    void aMalformedVocabularyNamesItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenRanks.readTiktoken(
                new ByteArrayInputStream("YQ== 0\nYg== 2\n".getBytes(StandardCharsets.US_ASCII)), "vocab.tiktoken"));
        assertTrue(e.getMessage().contains("vocab.tiktoken:2") && e.getMessage().contains("Yg== 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TokenRanks.readTiktoken(
                new ByteArrayInputStream("YQ== 0\n*** 1\n".getBytes(StandardCharsets.US_ASCII)), "vocab.tiktoken"));
        assertTrue(e.getMessage().startsWith("vocab.tiktoken:2: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> of("a", "b", "a"));
        assertTrue(e.getMessage().contains("token 2"), e.getMessage());
    }
}
