package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WordTokenizer} against Lucene's StandardTokenizer itself: the same tokens, always. */
class WordTokenizerTest {
    /** Characters around each known one: every class, and the unknown ones that take part in rules. */
    private static final String[] NEIGHBOURS = {
        "", "a", "Z", "é", "ł", "1", "0", "_", ".", ":", ",", ";", "'", "\u2019", "\"", "#", "*", " ", "\n", "-",
        "\u0301", // combining acute: Extend, sticks to what precedes it
        "\u00AD", // soft hyphen: Format
        "\u200D", // zero-width joiner
        "\uFE0F", // emoji presentation selector
        "\u20E3", // combining keycap
        "\u00B7", // middle dot: MidLetter
        "\u05D0", // Hebrew alef
        "\u30A2", // Katakana
        "\u4E2D", // Han
        "\u0E01", // Thai: complex context
        "\uD83D\uDE00", // emoji (a surrogate pair)
        "\uD83C\uDDFA", // regional indicator
        "\u0661", // Arabic-Indic digit one: Numeric
        "\uFF11", // fullwidth one
        "\u00B2", // superscript two
        "\u0436", // Cyrillic
        "\u00A9", // copyright sign: emoji
    };

    private final WordTokenizer fast = new WordTokenizer();
    private final WordTokenizer reference = new WordTokenizer();

    private List<String> luceneTokens(String text) {
        return reference.luceneTokens(text);
    }

    private List<String> fastTokens(String text) {
        List<String> out = new ArrayList<>();
        fast.tokenize(text, (chars, offset, length) -> out.add(new String(chars, offset, length)));
        return out;
    }

    private void same(String text) {
        assertEquals(luceneTokens(text), fastTokens(text), () -> "tokens of \"" + escaped(text) + "\"");
    }

    private static String escaped(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return b.toString();
    }

    @Test
    void examples() {
        assertEquals(List.of("Don't", "stop", "3.14", "e.g", "a_b", "x1", "1,000,000", "wait", "what"),
                fastTokens("Don't stop: 3.14, e.g. a_b x1 -- 1,000,000... wait—what?"));
        assertEquals(List.of("it\u2019s", "caf\u00e9", "na\u00efve", "\u0141\u00f3d\u017a"),
                fastTokens("\u201cit\u2019s a caf\u00e9\u201d, na\u00efve \u0141\u00f3d\u017a".replace(" a ", " ")));
        assertEquals(List.of("https", "example.com", "a", "b", "1", "2"), fastTokens("https://example.com/a?b=1&2"));
        assertEquals(List.of(), fastTokens(""));
        assertEquals(List.of(), fastTokens(" ... ___ -- \"\" "));
    }

    @Test
    void rulesAgreeWithLucene() {
        for (String text : new String[] {
            "a.b", "a..b", "a.1", "1.a", "1.2.3", "a:b", "1:2", "a,b", "1,2", "a;b", "1;2", "a'b", "1'2", "a\u2019b",
            "a_b", "a_1", "1_a", "__a", "a__", "__", "_._", "a_.b", "a._b", "a.b.", ".a.b", "a1.2", "a.b1.2", "1a.b",
            "x.y:z'w", "3.14.", "ab12cd34", "e.g.", "U.S.A.", "o'clock", "rock'n'roll", "'quoted'", "#1", "*a*", "#hashtag",
            "a\"b", "\u05D0\"\u05D1", "\u05D0'", "1\u20E3", "#\uFE0F\u20E3", "*\u20E3", "a\u0301b", "a \u0301b",
            "e\u0301t\u00e9", "co\u00ADoperate", "a\u200Db", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC68\u200D\uD83D\uDC69",
            "\uD83C\uDDFA\uD83C\uDDF8", "\u00A9 2024", "a\u00B7b", "\u0436\u0436 ab \u0436", "ab \u4E2D\u6587 cd",
            "\u0E01\u0E02 ab", "\u30A2\u30A4_ab", "\u0661\u0662.\u0663 12", "\uFF11\uFF12", "x\u00B2", "\r\n a \r\n",
            "a\u00A0b", "a\u2026b", "a\u2013b\u2014c", "\u201ca\u201d", "\u2018a\u2019", "a\u2019", "\u2019a",
        }) {
            same(text);
        }
    }

    @Test
    void everyKnownCharacterInEveryContext() {
        int checked = 0;
        for (char c = 0; c < 0x2100; c++) {
            if (WordClasses.of(c) == WordClasses.UNKNOWN) {
                continue;
            }
            String x = String.valueOf(c);
            for (String left : NEIGHBOURS) {
                for (String right : NEIGHBOURS) {
                    same(left + x + right);
                    same(left + x + x + right);
                    same("a" + left + x + right + "a");
                    same("1" + left + x + right + "1");
                    checked++;
                }
            }
        }
        assertTrue(checked > 500 * NEIGHBOURS.length * NEIGHBOURS.length, "checked " + checked);
    }

    @Test
    void randomTextsOfKnownAndUnknownCharacters() {
        List<String> alphabet = new ArrayList<>(List.of(NEIGHBOURS));
        alphabet.remove("");
        for (String common : new String[] {"a", "b", "e", "1", "2", " ", ".", "'", "_", ",", ":"}) {
            for (int k = 0; k < 4; k++) {
                alphabet.add(common); // mostly the characters whose rules interact
            }
        }
        SplittableRandom random = new SplittableRandom(29);
        for (int i = 0; i < 100_000; i++) {
            int length = random.nextInt(1, 24);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < length; k++) {
                b.append(alphabet.get(random.nextInt(alphabet.size())));
            }
            same(b.toString());
        }
    }

    @Test
    void tokensNearLucenesBufferLength() {
        for (int n = WordTokenizer.MAX_SCAN - 20; n < 300; n++) {
            String letters = "a".repeat(n);
            same(letters);
            same("x " + letters + " y");
            same(letters + ".b");
            same(letters.substring(2) + ".bc");
            same("a." + "b.".repeat(n / 2));
            same("1," + "2,".repeat(n / 2) + "3");
            same("_".repeat(n) + "a");
            same("_".repeat(n) + ".");
            same("a" + "_".repeat(n));
            same("a" + "_".repeat(n) + "b " + letters + "\u00e9");
            same(letters + "\u0301 " + letters);
        }
    }

    @Test
    void mixedScriptTextsAndLuceneStretches() {
        String[] pieces = {
            "The committee's report (2019) said: \"costs rose 3.5%\". ",
            "\u041c\u043e\u0441\u043a\u0432\u0430 2020 \u0433\u043e\u0434, ",
            "\u4e2d\u6587\u6587\u672c ",
            "na\u00efve caf\u00e9\u2014r\u00e9sum\u00e9 ",
            "\uD83D\uDE00\uD83D\uDE00 ok ",
            "\u05E9\u05DC\u05D5\u05DD \"\u05D0\" ",
            "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35 ",
        };
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(1, 30);
            for (int k = 0; k < n; k++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            same(b.toString());
        }
    }

    @Test
    void englishGoesMostlyAroundLucene() {
        WordTokenizer t = new WordTokenizer();
        String text = "It\u2019s a na\u00efve caf\u00e9 \u201cthat\u201d \u2014 says (twice) 1,000.5 times; ok? \u00a9 2024 ".repeat(100);
        t.tokenize(text, (chars, offset, length) -> { });
        assertEquals(100 * "\u00a9".length(), t.luceneChars(), "only the \u00a9 goes to Lucene");
    }

    @Test
    void reusedAcrossTextsOfEveryLength() {
        WordTokenizer t = new WordTokenizer();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            b.append(i % 7 == 0 ? "\u0436 " : "w" + i + " ");
            String text = b.toString();
            if (i % 97 == 0) {
                List<String> out = new ArrayList<>();
                t.tokenize(text, (chars, offset, length) -> out.add(new String(chars, offset, length)));
                assertEquals(luceneTokens(text), out);
                assertEquals(List.of("x"), fastTokensOf(t, "x"), "a short text after a long one");
            }
        }
    }

    private static List<String> fastTokensOf(WordTokenizer t, String text) {
        List<String> out = new ArrayList<>();
        t.tokenize(text, (chars, offset, length) -> out.add(new String(chars, offset, length)));
        return out;
    }
}
