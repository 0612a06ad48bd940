package dev.winnow.jobs.ingest;

import com.fasterxml.jackson.core.JsonToken;
import dev.winnow.jobs.config.FieldPath;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the text, id and url fields of one JSON object (a JSON Lines record) straight from its
 * UTF-8 bytes, and checks that the whole line is JSON (RFC 8259, as strict as Jackson's defaults).
 *
 * <p>Why not Jackson: it decodes a string to UTF-16 chars, and Spark then encodes the text back to
 * UTF-8 for its rows; the round trip was about 46% of the ingest stage's samples. Here the text is
 * unescaped from bytes to bytes. The line must already be valid UTF-8 (the line reader checks it),
 * so bytes above 0x7F are copied as they are.
 *
 * <p>One scanner per reader; not thread-safe. After {@link #scan} accepts a line, the accessors
 * describe it until the next call.
 */
final class JsonObjectScanner {
    /** Jackson's default nesting limit, kept so that the same lines are malformed as before. */
    static final int MAX_DEPTH = 1000;
    /** Jackson's default limit on a number's digits. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private static final int TEXT = 0;
    private static final int ID = 1;
    private static final int URL = 2;
    private static final String[] WHAT = {"text", "id", "url"};

    /** Per field (text, id, url): the names on its path, as UTF-8 ({@code meta.url} is two). */
    private final byte[][][] paths;
    private final String[] fieldNames;
    /** The fields configured, one bit each. */
    private final int allFields;
    /** Per level: the fields whose paths end with their name there. */
    private final int[] endsAt;

    private byte[] in;
    private int end;
    private int pos;
    private byte[] scratch = new byte[64];
    private final boolean[] arrayAt = new boolean[MAX_DEPTH + 1];

    private JsonToken textKind;
    private byte[] text;
    private int surrogateAt;
    private int surrogate;
    private String id;
    private String url;
    /** The fields met so far in this line, one bit each: a second one is ambiguous. */
    private int seen;

    /**
     * The fields to read; a dotted name ({@code meta.url}) is a path into nested objects
     * ({@link FieldPath}: a name with a dot in backticks, {@code `warc.url`}). Where
     * two paths meet (the same name, or one a prefix of the other), text comes before id and id
     * before url: the field the shorter or earlier path names is read, the other is not found.
     */
    JsonObjectScanner(String textField, String idField, String urlField) {
        this.fieldNames = new String[] {textField, idField, urlField};
        this.paths = new byte[3][][];
        int all = 0;
        int levels = 0;
        for (int i = 0; i < 3; i++) {
            if (fieldNames[i] != null) {
                String[] parts = FieldPath.steps(fieldNames[i]).toArray(String[]::new);
                paths[i] = new byte[parts.length][];
                for (int k = 0; k < parts.length; k++) {
                    paths[i][k] = parts[k].getBytes(StandardCharsets.UTF_8);
                }
                all |= 1 << i;
                levels = Math.max(levels, parts.length);
            }
        }
        this.allFields = all;
        this.endsAt = new int[levels];
        for (int i = 0; i < 3; i++) {
            if (paths[i] != null) {
                endsAt[paths[i].length - 1] |= 1 << i;
            }
        }
    }

    /**
     * Scans one line; null when it is one JSON object and nothing else, else what is wrong with it
     * (a duplicated text, id or url field is wrong too: which one is meant?).
     */
    String scan(byte[] line, int length) {
        in = line;
        end = length;
        pos = 0;
        textKind = null;
        text = null;
        surrogateAt = -1;
        id = null;
        url = null;
        seen = 0;
        try {
            object();
            return null;
        } catch (Malformed e) {
            return e.getMessage();
        } finally {
            in = null;
        }
    }

    /** The text field's kind (a string is {@link JsonToken#VALUE_STRING}), or null when it is absent. */
    JsonToken textKind() {
        return textKind;
    }

    /** The text, unescaped to UTF-8, when it is a string; an unpaired surrogate escape in it became U+FFFD. */
    byte[] text() {
        return text;
    }

    /** Where the text's first unpaired surrogate escape was, in UTF-16 chars of the text, or -1. */
    int unpairedSurrogateAt() {
        return surrogateAt;
    }

    /** The first unpaired surrogate's value, when {@link #unpairedSurrogateAt} is not -1. */
    char unpairedSurrogate() {
        return (char) surrogate;
    }

    /** The id as written when it is a string, number or boolean; null when absent, "", null, an object or an array. */
    String id() {
        return id;
    }

    /** As {@link #id}, for the url. */
    String url() {
        return url;
    }

    private void object() {
        if (end >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
            pos = 3; // a byte order mark, as Jackson skips it
        }
        skipSpace();
        if (pos >= end) {
            throw new Malformed("expected a JSON object, got nothing");
        }
        if (in[pos] != '{') {
            JsonToken kind = value(0);
            throw new Malformed("expected a JSON object, got " + kind);
        }
        pos++;
        members(1, allFields, 0);
        skipSpace();
        if (pos < end) {
            throw new Malformed("trailing " + describe(pos) + " at byte " + pos + " after the object");
        }
    }

    /**
     * The members of an object whose '{' was just read, at nesting depth {@code depth}, up to and
     * including its '}'. {@code fields} are the fields whose paths pass through this object, and
     * {@code level} the index of the name on their paths that its members are matched against.
     */
    private void members(int depth, int fields, int level) {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            if (peek() != '"') {
                throw unexpected("a field name in double quotes");
            }
            int matched = fieldName(fields, level);
            skipSpace();
            if (peek() != ':') {
                throw unexpected("':' after a field name");
            }
            pos++;
            skipSpace();
            // matched is non-zero only at levels some path reaches, so endsAt[level] exists then.
            int leaf = Integer.numberOfTrailingZeros(matched == 0 ? 0 : matched & endsAt[level]);
            if (leaf < 3) {
                field(leaf, depth);
            } else if (matched != 0 && peek() == '{') {
                pos++;
                open(depth, JsonToken.START_OBJECT);
                members(depth + 1, matched, level + 1);
            } else {
                value(depth);
            }
            skipSpace();
            byte c = peek();
            if (c == '}') {
                pos++;
                return;
            }
            if (c != ',') {
                throw unexpected("',' or '}' in the object");
            }
            pos++;
            skipSpace();
        }
    }

    /** The value of the text, id or url, at pos. */
    private void field(int field, int depth) {
        if ((seen & (1 << field)) != 0) {
            throw new Malformed("duplicate '" + fieldNames[field] + "' field: which " + WHAT[field] + " is meant?");
        }
        seen |= 1 << field;
        if (field != TEXT) {
            String value = scalar(depth);
            if (field == ID) {
                id = value;
            } else {
                url = value;
            }
        } else if (peek() == '"') {
            textKind = JsonToken.VALUE_STRING;
            text = textString();
        } else {
            textKind = value(depth);
        }
    }

    /**
     * Any value at pos, checked and skipped; returns its kind. Containers are walked without
     * recursion, one flag per open level saying whether it is an array.
     */
    private JsonToken value(int depth) {
        JsonToken kind = atom();
        if (kind != JsonToken.START_OBJECT && kind != JsonToken.START_ARRAY) {
            return kind;
        }
        int base = depth;
        depth = open(depth, kind);
        boolean member = false; // after a member, ',' must come before the next one
        while (true) {
            skipSpace();
            byte c = peek();
            if (c == (arrayAt[depth] ? ']' : '}')) {
                pos++;
                depth--;
                if (depth == base) {
                    return kind;
                }
                member = true;
                continue;
            }
            if (member) {
                if (c != ',') {
                    throw unexpected(arrayAt[depth] ? "',' or ']' in an array" : "',' or '}' in an object");
                }
                pos++;
                skipSpace();
            }
            if (!arrayAt[depth]) {
                if (peek() != '"') {
                    throw unexpected("a field name in double quotes");
                }
                skipString();
                skipSpace();
                if (peek() != ':') {
                    throw unexpected("':' after a field name");
                }
                pos++;
                skipSpace();
            }
            JsonToken m = atom();
            member = m != JsonToken.START_OBJECT && m != JsonToken.START_ARRAY;
            if (!member) {
                depth = open(depth, m);
            }
        }
    }

    /** Enters a container opened below the given depth; the top-level object is depth 1, as Jackson counts. */
    private int open(int depth, JsonToken kind) {
        if (depth + 1 > MAX_DEPTH) {
            throw new Malformed("nesting deeper than " + MAX_DEPTH + " at byte " + (pos - 1));
        }
        arrayAt[depth + 1] = kind == JsonToken.START_ARRAY;
        return depth + 1;
    }

    /** One scalar, or the opening bracket of a container (consumed), at pos. */
    private JsonToken atom() {
        byte c = peek();
        switch (c) {
            case '{':
                pos++;
                return JsonToken.START_OBJECT;
            case '[':
                pos++;
                return JsonToken.START_ARRAY;
            case '"':
                skipString();
                return JsonToken.VALUE_STRING;
            case 't':
                literal("true");
                return JsonToken.VALUE_TRUE;
            case 'f':
                literal("false");
                return JsonToken.VALUE_FALSE;
            case 'n':
                literal("null");
                return JsonToken.VALUE_NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw unexpected("a value");
        }
    }

    /** The id or url: a string, or a number or boolean as written; "", null, objects and arrays give null. */
    private String scalar(int depth) {
        byte c = peek();
        if (c == '"') {
            int n = unescape(false);
            return n == 0 ? null : new String(scratch, 0, n, StandardCharsets.UTF_8);
        }
        int start = pos;
        JsonToken kind = value(depth);
        if (kind == JsonToken.VALUE_NUMBER_INT || kind == JsonToken.VALUE_NUMBER_FLOAT
                || kind == JsonToken.VALUE_TRUE || kind == JsonToken.VALUE_FALSE) {
            return new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    private void literal(String word) {
        int n = word.length();
        if (pos + n > end) {
            throw new Malformed("unknown word at byte " + pos + " (expected '" + word + "')");
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw new Malformed("unknown word at byte " + pos + " (expected '" + word + "')");
            }
        }
        pos += n;
        if (pos < end && isWordByte(in[pos])) {
            throw new Malformed("unknown word at byte " + (pos - n) + " (expected '" + word + "')");
        }
    }

    /** A byte that would continue a bare word: Jackson reads "truex" as one unknown token. */
    private static boolean isWordByte(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c < 0;
    }

    private JsonToken number() {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (pos + 1 < end && in[pos] == '0' && isDigit(in[pos + 1])) {
            throw new Malformed("a number with a leading zero at byte " + start);
        }
        int digits = digits(start, "");
        boolean fraction = false;
        if (pos < end && in[pos] == '.') {
            pos++;
            digits += digits(start, " after its '.'");
            fraction = true;
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            digits += digits(start, " in its exponent");
            fraction = true;
        }
        if (digits > MAX_NUMBER_LENGTH) {
            throw new Malformed("a number of " + digits + " digits at byte " + start + " (at most " + MAX_NUMBER_LENGTH + ")");
        }
        if (pos < end && isWordByte(in[pos]) && !isDigit(in[pos])) {
            throw new Malformed("unexpected " + describe(pos) + " at byte " + pos + " right after a number");
        }
        return fraction ? JsonToken.VALUE_NUMBER_FLOAT : JsonToken.VALUE_NUMBER_INT;
    }

    /** Consumes a run of digits, at least one; returns how many. */
    private int digits(int numberStart, String where) {
        int from = pos;
        while (pos < end && isDigit(in[pos])) {
            pos++;
        }
        if (pos == from) {
            throw new Malformed("a number without digits" + where + " at byte " + numberStart);
        }
        return pos - from;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** A field name at pos (a string); which of {@code fields} have it as their name at {@code level}. */
    private int fieldName(int fields, int level) {
        int start = pos + 1;
        int close = plainEnd(start);
        int n;
        byte[] name;
        int from;
        if (close < end && in[close] == '"') {
            pos = close + 1; // no escapes: compare the bytes where they are
            name = in;
            from = start;
            n = close - start;
        } else {
            n = unescape(false);
            name = scratch;
            from = 0;
        }
        int matched = 0;
        for (int f = 0; f < 3; f++) {
            if ((fields & (1 << f)) != 0 && paths[f].length > level) {
                byte[] want = paths[f][level];
                if (want.length == n && Arrays.equals(want, 0, n, name, from, from + n)) {
                    matched |= 1 << f;
                }
            }
        }
        return matched;
    }

    /** The text field's string, unescaped into an array of its own. */
    private byte[] textString() {
        int n = unescape(true);
        return Arrays.copyOf(scratch, n);
    }

    private void skipString() {
        int close = plainEnd(pos + 1);
        if (close < end && in[close] == '"') {
            pos = close + 1;
            return;
        }
        unescape(false);
    }

    /**
     * Unescapes the string at pos (its opening quote) into {@link #scratch}; returns its length and
     * leaves pos after the closing quote. An unpaired surrogate escape becomes U+FFFD; for the text
     * ({@code track}) the first one's place is kept.
     */
    private int unescape(boolean track) {
        int start = pos + 1;
        ensureScratch(end - start);
        int n = 0;
        int i = start;
        while (true) {
            int stop = plainEnd(i);
            System.arraycopy(in, i, scratch, n, stop - i);
            n += stop - i;
            i = stop;
            if (i >= end) {
                throw new Malformed("a string that is not closed, from byte " + (start - 1));
            }
            byte c = in[i];
            if (c == '"') {
                pos = i + 1;
                return n;
            }
            if (c != '\\') {
                throw new Malformed(String.format("control character 0x%02X at byte %d in a string (must be escaped)",
                        c & 0xFF, i));
            }
            if (i + 1 >= end) {
                throw new Malformed("a string that is not closed, from byte " + (start - 1));
            }
            byte e = in[i + 1];
            i += 2;
            switch (e) {
                case '"', '\\', '/' -> scratch[n++] = e;
                case 'b' -> scratch[n++] = '\b';
                case 'f' -> scratch[n++] = '\f';
                case 'n' -> scratch[n++] = '\n';
                case 'r' -> scratch[n++] = '\r';
                case 't' -> scratch[n++] = '\t';
                case 'u' -> {
                    int cp = hex4(i);
                    i += 4;
                    if (Character.isHighSurrogate((char) cp) && i + 5 < end && in[i] == '\\' && in[i + 1] == 'u') {
                        int low = hex4(i + 2);
                        if (Character.isLowSurrogate((char) low)) {
                            cp = Character.toCodePoint((char) cp, (char) low);
                            i += 6;
                        }
                    }
                    if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                        if (track && surrogateAt < 0) {
                            surrogateAt = Utf8.utf16Length(scratch, 0, n);
                            surrogate = cp;
                        }
                        System.arraycopy(REPLACEMENT, 0, scratch, n, 3);
                        n += 3;
                    } else {
                        n = encode(cp, n);
                    }
                }
                default -> throw new Malformed("unknown escape '\\" + (char) (e & 0xFF) + "' at byte " + (i - 2));
            }
        }
    }

    private int hex4(int at) {
        if (at + 4 > end) {
            throw new Malformed("a \\u escape without four hex digits at byte " + (at - 2));
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(in[at + k], 16);
            if (d < 0) {
                throw new Malformed("a \\u escape without four hex digits at byte " + (at - 2));
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private int encode(int cp, int n) {
        byte[] s = scratch;
        if (cp < 0x80) {
            s[n++] = (byte) cp;
        } else if (cp < 0x800) {
            s[n++] = (byte) (0xC0 | (cp >> 6));
            s[n++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s[n++] = (byte) (0xE0 | (cp >> 12));
            s[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            s[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            s[n++] = (byte) (0xF0 | (cp >> 18));
            s[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            s[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            s[n++] = (byte) (0x80 | (cp & 0x3F));
        }
        return n;
    }

    /**
     * The first index from {@code i} of a quote, a backslash or a control character, or end.
     * Eight bytes at a time: nearly all of a text is none of these.
     */
    private int plainEnd(int i) {
        byte[] b = in;
        while (i <= end - 8) {
            long v = (long) Utf8.LONGS.get(b, i);
            long quote = v ^ 0x2222_2222_2222_2222L;
            long slash = v ^ 0x5C5C_5C5C_5C5C_5C5CL;
            // A zero byte in quote or slash, or a byte below 0x20 in v (bytes >= 0x80 excluded by ~v).
            long hit = ((quote - ONES) & ~quote) | ((slash - ONES) & ~slash) | ((v - 0x2020_2020_2020_2020L) & ~v);
            if ((hit & Utf8.HIGH_BITS) != 0) {
                break;
            }
            i += 8;
        }
        while (i < end) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                return i;
            }
            i++;
        }
        return end;
    }

    private void ensureScratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
    }

    private void skipSpace() {
        while (pos < end) {
            byte c = in[pos];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw new Malformed("the line ends before the object is closed (byte " + pos + ")");
        }
        return in[pos];
    }

    private Malformed unexpected(String expected) {
        return new Malformed("unexpected " + describe(pos) + " at byte " + pos + ", expected " + expected);
    }

    private String describe(int at) {
        int c = in[at] & 0xFF;
        if (c >= 0x21 && c < 0x7F) {
            return "'" + (char) c + "'";
        }
        return String.format("byte 0x%02X", c);
    }

    /** What is wrong with a line; thrown out of any depth, caught by {@link #scan}, without a stack trace. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
