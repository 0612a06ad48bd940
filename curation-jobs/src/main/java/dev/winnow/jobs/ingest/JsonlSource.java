package dev.winnow.jobs.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.winnow.jobs.config.DatasetSpec;

import java.io.IOException;
import java.io.InputStream;

/**
 * JSON Lines: one object per line; id, text and url fields are configurable. Parsed with Jackson's
 * streaming parser straight from the line's bytes, reading only those three fields and skipping
 * the rest, so wide metadata costs little; the line becomes a String only when it is rejected.
 */
final class JsonlSource extends LineRecordSource {
    private final JsonFactory json;
    private final DatasetSpec dataset;

    JsonlSource(InputStream stream, IngestSplit split, DatasetSpec dataset, RecordChecks checks) throws IOException {
        super(stream, split, checks);
        this.dataset = dataset;
        int maxString = (int) Math.min(Integer.MAX_VALUE, checks.limits().maxRecordBytes() + 16);
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxString).build())
                .build();
    }

    @Override
    SourceRecord parse(byte[] line, int length, String location) {
        String id = null;
        String text = null;
        String url = null;
        JsonToken textToken = null;
        boolean hasId = false;
        boolean hasUrl = false;
        // Jackson guesses UTF-16/32 from NUL bytes; JSON Lines are UTF-8, and a raw NUL is never valid JSON.
        int nul = indexOfNul(line, length);
        if (nul >= 0) {
            return malformed(line, length, location, "NUL byte at offset " + nul
                    + (nul <= 1 ? " (UTF-16 text? JSON Lines are UTF-8)" : ""));
        }
        try (JsonParser p = json.createParser(line, 0, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return malformed(line, length, location, "expected a JSON object, got " + first);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(dataset.textField())) {
                    if (textToken != null) {
                        return malformed(line, length, location, "duplicate '" + name + "' field: which text is meant?");
                    }
                    textToken = value;
                    text = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                } else if (name.equals(dataset.idField())) {
                    if (hasId) {
                        return malformed(line, length, location, "duplicate '" + name + "' field: which id is meant?");
                    }
                    hasId = true;
                    id = scalar(p, value);
                } else if (name.equals(dataset.urlField())) {
                    if (hasUrl) {
                        return malformed(line, length, location, "duplicate '" + name + "' field: which url is meant?");
                    }
                    hasUrl = true;
                    url = scalar(p, value);
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return malformed(line, length, location, "unexpected " + t + " in the object");
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                return malformed(line, length, location, "trailing " + after + " after the object");
            }
        } catch (JsonProcessingException e) {
            return malformed(line, length, location, e.getOriginalMessage());
        } catch (IOException e) {
            return malformed(line, length, location, e.toString());
        }
        if (textToken == null || textToken == JsonToken.VALUE_NULL) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT, "no '" + dataset.textField() + "' field",
                    checks.decode(line, 0, length));
        }
        if (text == null) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT,
                    "'" + dataset.textField() + "' is " + textToken + ", expected a string", checks.decode(line, 0, length));
        }
        int surrogate = Utf8.firstUnpairedSurrogate(text);
        if (surrogate >= 0) {
            if (!checks.limits().replaceInvalidUtf8()) {
                return SourceRecord.rejected(location, Reason.INVALID_UTF8, String.format(
                        "unpaired surrogate \\u%04x at char %d of the text (an escape that is not Unicode text)",
                        (int) text.charAt(surrogate), surrogate), checks.decode(line, 0, length));
            }
            text = Utf8.replaceUnpairedSurrogates(text);
        }
        // Ids and urls are names, not text: an unpaired surrogate in them is replaced, not a reason to drop the text.
        id = id == null ? null : Utf8.replaceUnpairedSurrogates(id);
        url = url == null ? null : Utf8.replaceUnpairedSurrogates(url);
        SourceRecord binary = checks.binaryProblem(text, location);
        return binary != null ? binary : SourceRecord.document(id, text, url, location);
    }

    private static int indexOfNul(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private SourceRecord malformed(byte[] line, int length, String location, String why) {
        return SourceRecord.rejected(location, Reason.MALFORMED_JSON, why, checks.decode(line, 0, length));
    }

    /** A scalar field as text (numbers as written); objects, arrays, null and "" give null. */
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
