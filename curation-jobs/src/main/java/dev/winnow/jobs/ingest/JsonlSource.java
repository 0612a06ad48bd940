package dev.winnow.jobs.ingest;

import com.fasterxml.jackson.core.JsonToken;
import dev.winnow.jobs.config.DatasetSpec;

import java.io.IOException;
import java.io.InputStream;

/**
 * JSON Lines: one object per line; id, text and url fields are configurable. Read by
 * {@link JsonObjectScanner} straight from the line's bytes to the text's bytes, reading only those
 * three fields and checking the rest, so wide metadata costs little; the line becomes a String
 * only when it is rejected.
 */
final class JsonlSource extends LineRecordSource {
    private final DatasetSpec dataset;
    private final JsonObjectScanner scanner;

    JsonlSource(InputStream stream, IngestSplit split, DatasetSpec dataset, RecordChecks checks) throws IOException {
        super(stream, split, checks);
        this.dataset = dataset;
        this.scanner = new JsonObjectScanner(dataset.textField(), dataset.idField(), dataset.urlField());
    }

    @Override
    SourceRecord parse(byte[] line, int length, String location) {
        // A raw NUL is never valid JSON; a line of them is most likely UTF-16 text.
        int nul = Utf8.indexOfNul(line, 0, length);
        if (nul >= 0) {
            return malformed(line, length, location, "NUL byte at offset " + nul
                    + (nul <= 1 ? " (UTF-16 text? JSON Lines are UTF-8)" : ""));
        }
        String error = scanner.scan(line, length);
        if (error != null) {
            return malformed(line, length, location, error);
        }
        JsonToken kind = scanner.textKind();
        if (kind == null || kind == JsonToken.VALUE_NULL) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT, "no '" + dataset.textField() + "' field",
                    checks.decode(line, 0, length));
        }
        if (kind != JsonToken.VALUE_STRING) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT,
                    "'" + dataset.textField() + "' is " + kind + ", expected a string", checks.decode(line, 0, length));
        }
        // The scanner put U+FFFD for an unpaired surrogate escape, which has no UTF-8 form.
        if (scanner.unpairedSurrogateAt() >= 0 && !checks.limits().replaceInvalidUtf8()) {
            return SourceRecord.rejected(location, Reason.INVALID_UTF8, String.format(
                    "unpaired surrogate \\u%04x at char %d of the text (an escape that is not Unicode text)",
                    (int) scanner.unpairedSurrogate(), scanner.unpairedSurrogateAt()), checks.decode(line, 0, length));
        }
        // Ids and urls are names, not text: an unpaired surrogate in them was replaced, not a reason to drop the text.
        byte[] text = scanner.text();
        SourceRecord binary = checks.binaryProblem(text, location);
        return binary != null ? binary : SourceRecord.document(scanner.id(), text, scanner.url(), location);
    }

    private SourceRecord malformed(byte[] line, int length, String location, String why) {
        return SourceRecord.rejected(location, Reason.MALFORMED_JSON, why, checks.decode(line, 0, length));
    }
}
