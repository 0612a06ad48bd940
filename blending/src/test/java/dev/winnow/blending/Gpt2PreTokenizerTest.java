package dev.winnow.blending;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

class Gpt2PreTokenizerTest {
    private static final Pattern GPT2 = Pattern.compile(Gpt2PreTokenizer.PATTERN, Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern LETTER = Pattern.compile("\\p{L}", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NUMBER = Pattern.compile("\\p{N}", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPACE = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);

    /** Every code point, surrogates included, is put in the class the regex puts it in. */
    @Test
    void everyCodePointIsClassedAsTheRegexClassesIt() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = new String(Character.toChars(cp));
            byte expected = LETTER.matcher(s).matches() ? Gpt2PreTokenizer.LETTER
                    : NUMBER.matcher(s).matches() ? Gpt2PreTokenizer.NUMBER
                    : SPACE.matcher(s).matches() ? Gpt2PreTokenizer.SPACE : Gpt2PreTokenizer.OTHER;
            if (Gpt2PreTokenizer.classOf(cp) != expected) {
                fail(String.format("U+%04X: class %d, the regex says %d", cp, Gpt2PreTokenizer.classOf(cp), expected));
            }
        }
    }

    @Test
    void knownSplits() {
        assertEquals(List.of("Hello", ",", " world", "'s", " 42", "!!", "  ", " x", "\n", "\n", "y", "  \t"),
                pieces("Hello, world's 42!!   x\n\ny  \t"));
        assertEquals(List.of("'", "S", "'ll", "'ve", " '", "re", "''", "t"), pieces("'S'll've 're''t"));
        assertEquals(List.of("\u00a0", "caf\u00e9", " \ud83d\ude00\ud800", "x"), pieces("\u00a0caf\u00e9 \ud83d\ude00\ud800x"));
    }

    /** Piece by piece against the regex, on generated text that mixes every class and edge. */
    @Test
    void piecesMatchTheRegexOnGeneratedText() {
        String[] parts = {
            "a", "Zz", "\u00e9", "\u4e2d", "\ud835\udc00", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\u3000",
            "\u0085", "\u000b", "1", "\u0663", "\u00bd", "\u2167", "'", "'s", "'d", "'ll", "'ve", "'re", "'m", "'t", "'x",
            "!", "..", "\ud83d\ude00", "\ud800", "\udc00", "\u0301", "\u200b", "\ufeff", "_", "-",
        };
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 50_000; t++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                b.append(random.nextInt(10) == 0 ? new String(Character.toChars(random.nextInt(0x30000)))
                        : parts[random.nextInt(parts.length)]);
            }
            String text = b.toString();
            assertEquals(regexPieces(text), pieces(text), () -> "text " + text.chars()
                    .mapToObj(c -> String.format("%04X", c)).toList());
        }
    }

    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (int start = 0, end; start < text.length(); start = end) {
            end = Gpt2PreTokenizer.end(text, start);
            out.add(text.substring(start, end));
        }
        return out;
    }

    private static List<String> regexPieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = GPT2.matcher(text);
        int at = 0;
        while (m.find()) {
            assertEquals(at, m.start(), "the regex skipped text");
            out.add(m.group());
            at = m.end();
        }
        assertEquals(text.length(), at, "the regex left text");
        return out;
    }
}
