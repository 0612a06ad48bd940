package dev.winnow.jobs.ingest;

import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scanner against Jackson, which read these lines before it: the same lines must be JSON, and
 * the same text, id and url come out of them.
 */
class JsonObjectScannerTest {
    private static JsonObjectScanner scanner() {
        return JacksonReference.scanner();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unescapesTheTextToUtf8() {
        JsonObjectScanner s = scanner();
        String line = "{\"id\":\"a\\u00e9\",\"text\":\"l1\\nl2\\t\\\"q\\\" \\\\ \\/ \\b\\f\\r \\u00e9\\u4e2d\\ud83d\\ude00 é中😀\","
                + "\"url\":\"http://x/\"}";
        assertNull(s.scan(utf8(line), utf8(line).length));
        assertEquals(JsonToken.VALUE_STRING, s.textKind());
        assertArrayEquals(utf8("l1\nl2\t\"q\" \\ / \b\f\r é中😀 é中😀"), s.text());
        assertEquals("aé", s.id());
        assertEquals("http://x/", s.url());
        assertEquals(-1, s.unpairedSurrogateAt());
    }

    @Test
    void anUnpairedSurrogateBecomesTheReplacementCharacterAndItsPlaceIsKept() {
        JsonObjectScanner s = scanner();
        byte[] line = utf8("{\"text\":\"😀ab\\udc00c\\ud800\",\"id\":\"x\\ud800\"}");
        assertNull(s.scan(line, line.length));
        assertArrayEquals(utf8("😀ab\uFFFDc\uFFFD"), s.text());
        assertEquals(4, s.unpairedSurrogateAt()); // 😀 is two UTF-16 chars
        assertEquals('\udc00', s.unpairedSurrogate());
        assertEquals("x\uFFFD", s.id());
    }

    @Test
    void fieldNamesAreComparedUnescapedAndOnlyAtTheTopLevel() {
        JsonObjectScanner s = scanner();
        byte[] line = utf8("{\"meta\":{\"text\":\"inner\",\"id\":[1,{\"url\":2}]},\"te\\u0078t\":\"outer\"}");
        assertNull(s.scan(line, line.length));
        assertArrayEquals(utf8("outer"), s.text());
        assertNull(s.id());
        assertNull(s.url());
    }

    @Test
    void idsAndUrlsAreScalarsAsWritten() {
        JsonObjectScanner s = scanner();
        byte[] line = utf8("{\"text\":1.5e3,\"id\":-12.50E+2,\"url\":true}");
        assertNull(s.scan(line, line.length));
        assertEquals(JsonToken.VALUE_NUMBER_FLOAT, s.textKind());
        assertNull(s.text());
        assertEquals("-12.50E+2", s.id());
        assertEquals("true", s.url());
        line = utf8("{\"id\":\"\",\"url\":null,\"text\":null}");
        assertNull(s.scan(line, line.length));
        assertNull(s.id());
        assertNull(s.url());
        assertEquals(JsonToken.VALUE_NULL, s.textKind());
        line = utf8("{\"id\":{\"a\":1}}");
        assertNull(s.scan(line, line.length));
        assertNull(s.id());
        assertNull(s.textKind());
    }

    @Test
    void dottedNamesArePathsIntoNestedObjects() {
        JsonObjectScanner s = new JsonObjectScanner("body.text", "meta.id", "meta.src.url");
        byte[] line = utf8("{\"meta\":{\"x\":[{\"id\":0}],\"src\":{\"url\":\"u\"},\"id\":\"7\"},\"body\":{\"text\":\"t\"}}");
        assertNull(s.scan(line, line.length));
        assertArrayEquals(utf8("t"), s.text());
        assertEquals("7", s.id());
        assertEquals("u", s.url());
        line = utf8("{\"meta\":[{\"id\":1}],\"body\":\"flat\",\"text\":\"top\",\"id\":2}");
        assertNull(s.scan(line, line.length));
        assertNull(s.textKind());
        assertNull(s.id());
        line = utf8("{\"meta\":{\"text\":\"not body.text\",\"id\":3},\"body\":{\"text\":\"t\"}}");
        assertNull(s.scan(line, line.length));
        assertArrayEquals(utf8("t"), s.text());
        assertEquals("3", s.id());
        line = utf8("{\"meta\":{\"id\":1},\"meta\":{\"id\":2}}");
        assertEquals("duplicate 'meta.id' field: which id is meant?", s.scan(line, line.length));
        line = utf8("{\"meta\":{\"id\":1,}}");
        assertEquals("unexpected '}' at byte 16, expected a field name in double quotes", s.scan(line, line.length));

        // Where paths meet, the shorter (or text before id before url) is read.
        JsonObjectScanner prefix = new JsonObjectScanner("meta", "meta.id", "meta");
        line = utf8("{\"meta\":{\"id\":1}}");
        assertNull(prefix.scan(line, line.length));
        assertEquals(JsonToken.START_OBJECT, prefix.textKind());
        assertNull(prefix.id());
        assertNull(prefix.url());

        // A key that holds a dot is named in backticks, and is not a path.
        JsonObjectScanner quoted = new JsonObjectScanner("text", "id", "`warc.url`");
        line = utf8("{\"text\":\"t\",\"warc\":{\"url\":\"nested\"},\"warc.url\":\"dotted\"}");
        assertNull(quoted.scan(line, line.length));
        assertEquals("dotted", quoted.url());
        JsonObjectScanner path = new JsonObjectScanner("text", "id", "warc.url");
        assertNull(path.scan(line, line.length));
        assertEquals("nested", path.url());
    }

    @Test
    void aDuplicatedFieldIsAmbiguous() {
        JsonObjectScanner s = scanner();
        byte[] line = utf8("{\"text\":\"a\",\"x\":1,\"x\":2,\"text\":\"b\"}");
        assertEquals("duplicate 'text' field: which text is meant?", s.scan(line, line.length));
        line = utf8("{\"id\":1,\"id\":null}");
        assertEquals("duplicate 'id' field: which id is meant?", s.scan(line, line.length));
    }

    @Test
    void errorsSayWhatAndWhere() {
        JsonObjectScanner s = scanner();
        assertEquals("expected a JSON object, got START_ARRAY", scan(s, "[1, 2]"));
        assertEquals("unexpected 'x' at byte 10, expected ',' or '}' in the object", scan(s, "{\"text\":1 x}"));
        assertEquals("control character 0x09 at byte 10 in a string (must be escaped)", scan(s, "{\"text\":\"a\tb\"}"));
        assertEquals("trailing '{' at byte 3 after the object", scan(s, "{} {}"));
        assertEquals("a number with a leading zero at byte 8", scan(s, "{\"text\":01}"));
        assertEquals("unknown escape '\\x' at byte 10", scan(s, "{\"text\":\"a\\x\"}"));
        assertEquals("the line ends before the object is closed (byte 12)", scan(s, "{\"text\":[1,2"));
    }

    private static String scan(JsonObjectScanner s, String line) {
        byte[] b = utf8(line);
        return s.scan(b, b.length);
    }

    @Test
    void nestingAndNumberLengthLimitsAreJacksons() {
        for (int depth : new int[] {998, 999, 1000, 1001}) {
            String open = "[".repeat(depth - 1);
            String close = "]".repeat(depth - 1);
            JacksonReference.assertSame(utf8("{\"a\":" + open + close + "}"));
            JacksonReference.assertSame(utf8("{\"a\":" + "{\"b\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1) + "}"));
        }
        for (int digits : new int[] {999, 1000, 1001}) {
            JacksonReference.assertSame(utf8("{\"id\":" + "7".repeat(digits) + "}"));
            JacksonReference.assertSame(utf8("{\"id\":-" + "7".repeat(digits) + "}"));
            JacksonReference.assertSame(utf8("{\"id\":1." + "7".repeat(digits - 1) + "}"));
            JacksonReference.assertSame(utf8("{\"id\":1.5e" + "7".repeat(digits - 2) + "}"));
        }
    }

    @Test
    void agreesWithJacksonOnHandWrittenEdges() {
        String[] lines = {
            "{}", " { } ", "\uFEFF{\"text\":\"bom\"}", "{\"text\":\"a\"} ", "{\"text\":\"a\"}\r", "{,}", "{\"a\"}",
            "{\"a\":}", "{\"a\":1,}", "{\"a\":[1,]}", "{\"a\":[,1]}", "{\"a\":[]}", "{\"a\":[[]]}", "{\"a\":{}}",
            "{\"a\":tru}", "{\"a\":truex}", "{\"a\":true1}", "{\"a\":nul}", "{\"a\":-}", "{\"a\":-0}", "{\"a\":-01}",
            "{\"a\":0.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":1E-7}", "{\"a\":+1}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "{\"a\":0x10}", "{\"a\":1 2}", "{'a':1}", "{a:1}", "{\"a\":'x'}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\u12g4\"}", "{\"a\":\"\\'\"}", "{\"text\":\"\\ud800\\u\"}", "{\"text\":\"\\ud800\\ud800\\udc00\"}",
            "{\"text\":\"\\udc00\\ud800\"}", "{\"text\":\"x\u007fy\"}", "{\"text\":\"\\u0000\"}", "{\"a\":1}}",
            "{\"a\":1}]", "{\"a\":[}", "{\"a\":{]}", "{\"a\"\u00a0:1}", "{\"a\":1,\"text\":\"\\\\\"}", "\"text\"", "1",
            "null", "{\"text\":\"a\"} x", "{\"text\":\"a\"}\f", "{\"text\" : \"spaced\" , \"id\" : 7 }",
            "{\"id\":00}", "{\"id\":1.0}", "{\"id\":-0.0e-0}", "{\"url\":\"\\u0000\"}", "{\"\\\"\":1}",
        };
        for (String line : lines) {
            JacksonReference.assertSame(utf8(line));
        }
    }

    @Test
    void agreesWithJacksonOnRandomLinesAndTheirMutations() {
        Random random = new Random(20261129L);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 40_000; i++) {
            String line = RandomJson.object(random, 0);
            byte[] b = utf8(line);
            if (i % 2 == 1) {
                b = RandomJson.mutate(random, b);
            }
            if (JacksonReference.assertSame(b)) {
                accepted++;
            } else {
                rejected++;
            }
        }
        // Both kinds must be common, or the comparison says little.
        assertTrue(accepted > 15_000 && rejected > 8_000, accepted + " accepted, " + rejected + " rejected");
    }

    /** Lines shaped like JSON Lines records, with the escapes, numbers and nesting that trip parsers. */
    private static final class RandomJson {
        private static final String[] NAMES = {"text", "id", "url", "meta", "te\\u0078t", "i\\u0064", "", "tex", "texts"};
        private static final String[] PIECES = {"a", "Z", " ", "é", "中", "😀", "\\n", "\\t", "\\\"", "\\\\", "\\/",
            "\\u0041", "\\u00e9", "\\u4e2d", "\\ud83d\\ude00", "\\ud800", "\\udfff", "\\u0000", "\\b", "\\f", "\\r",
            "\u007f", "'", "{", "]", ":", ","};

        static String object(Random r, int depth) {
            StringBuilder b = new StringBuilder("{");
            int fields = r.nextInt(5);
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    b.append(r.nextInt(8) == 0 ? " , " : ",");
                }
                b.append('"').append(NAMES[r.nextInt(NAMES.length)]).append('"').append(r.nextBoolean() ? ":" : " : ");
                b.append(value(r, depth + 1));
            }
            return b.append('}').toString();
        }

        static String value(Random r, int depth) {
            int k = r.nextInt(depth > 3 ? 6 : 8);
            return switch (k) {
                case 0, 1, 2 -> string(r);
                case 3 -> number(r);
                case 4 -> List.of("true", "false", "null").get(r.nextInt(3));
                case 5 -> "\"\"";
                case 6 -> object(r, depth);
                default -> {
                    StringBuilder b = new StringBuilder("[");
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        b.append(i > 0 ? "," : "").append(value(r, depth + 1));
                    }
                    yield b.append(']').toString();
                }
            };
        }

        static String string(Random r) {
            StringBuilder b = new StringBuilder("\"");
            int n = r.nextInt(12);
            for (int i = 0; i < n; i++) {
                b.append(r.nextInt(3) == 0 ? PIECES[r.nextInt(PIECES.length)] : "word ");
            }
            return b.append('"').toString();
        }

        static String number(Random r) {
            StringBuilder b = new StringBuilder();
            if (r.nextBoolean()) {
                b.append('-');
            }
            b.append(r.nextInt(4) == 0 ? "0" : Integer.toString(1 + r.nextInt(100000)));
            if (r.nextBoolean()) {
                b.append('.').append(r.nextInt(1000));
            }
            if (r.nextInt(3) == 0) {
                b.append(r.nextBoolean() ? 'e' : 'E').append(List.of("", "+", "-").get(r.nextInt(3))).append(r.nextInt(40));
            }
            return b.toString();
        }

        /** One to three edits: a byte dropped, doubled, or replaced by one that matters to JSON. */
        static byte[] mutate(Random r, byte[] b) {
            byte[] special = utf8("{}[]\":,\\ ut0-.eE\t\r'a/");
            List<Byte> out = new ArrayList<>();
            for (byte x : b) {
                out.add(x);
            }
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits && !out.isEmpty(); e++) {
                int at = r.nextInt(out.size());
                switch (r.nextInt(3)) {
                    case 0 -> out.remove(at);
                    case 1 -> out.add(at, out.get(at));
                    default -> out.set(at, special[r.nextInt(special.length)]);
                }
            }
            byte[] m = new byte[out.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = Objects.requireNonNull(out.get(i));
            }
            return m;
        }
    }
}
