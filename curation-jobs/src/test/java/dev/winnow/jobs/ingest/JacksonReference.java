package dev.winnow.jobs.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * How JsonlSource read a line with Jackson's streaming parser before {@link JsonObjectScanner}
 * replaced it: the oracle the scanner is compared with, on generated lines and on real corpora.
 */
final class JacksonReference {
    private static final JsonFactory JACKSON = new JsonFactory();

    static JsonObjectScanner scanner() {
        return new JsonObjectScanner("text", "id", "url");
    }

    /** Asserts the scanner's verdict and fields equal Jackson's; true when the line is JSON. */
    static boolean assertSame(byte[] line) {
        if (Utf8.firstInvalid(line, 0, line.length) >= 0 || indexOf(line, (byte) 0) >= 0 || indexOf(line, (byte) '\n') >= 0) {
            return false; // the line reader rejects these before a line is parsed
        }
        JsonObjectScanner s = scanner();
        String error = s.scan(line, line.length);
        JacksonReference want = JacksonReference.of(line);
        String shown = new String(line, StandardCharsets.UTF_8);
        if (want.error != null) {
            assertNotNull(error, "Jackson: " + want.error + " | scanner accepted: " + shown);
            return false;
        }
        if (error != null) {
            fail("Jackson accepted, scanner: " + error + " | " + shown);
        }
        assertEquals(want.textKind, s.textKind(), shown);
        if (want.text != null) {
            assertArrayEquals(utf8(Utf8.replaceUnpairedSurrogates(want.text)), s.text(), shown);
            assertEquals(Utf8.firstUnpairedSurrogate(want.text), s.unpairedSurrogateAt(), shown);
            if (s.unpairedSurrogateAt() >= 0) {
                assertEquals(want.text.charAt(s.unpairedSurrogateAt()), s.unpairedSurrogate(), shown);
            }
        } else {
            assertNull(s.text(), shown);
        }
        assertEquals(want.id == null ? null : Utf8.replaceUnpairedSurrogates(want.id), s.id(), shown);
        assertEquals(want.url == null ? null : Utf8.replaceUnpairedSurrogates(want.url), s.url(), shown);
        return true;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    String error;
    JsonToken textKind;
    String text;
    String id;
    String url;

    static JacksonReference of(byte[] line) {
        JacksonReference r = new JacksonReference();
        boolean hasId = false;
        boolean hasUrl = false;
        try (JsonParser p = JACKSON.createParser(line, 0, line.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                r.error = "not an object";
                return r;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("text")) {
                    if (r.textKind != null) {
                        r.error = "duplicate text";
                        return r;
                    }
                    r.textKind = value;
                    r.text = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                } else if (name.equals("id")) {
                    if (hasId) {
                        r.error = "duplicate id";
                        return r;
                    }
                    hasId = true;
                    r.id = scalar(p, value);
                } else if (name.equals("url")) {
                    if (hasUrl) {
                        r.error = "duplicate url";
                        return r;
                    }
                    hasUrl = true;
                    r.url = scalar(p, value);
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                r.error = "unexpected " + t;
            } else if (p.nextToken() != null) {
                r.error = "trailing";
            }
        } catch (IOException e) {
            r.error = e.getMessage();
        }
        return r;
    }

    private static String scalar(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        String s = p.getText();
        return s.isEmpty() ? null : s;
    }
}
