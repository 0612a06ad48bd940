package dev.winnow.jobs.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a reader found at one place in a source file: a document, or a rejection with a reason.
 * The text is kept as UTF-8 bytes, the form Spark's rows hold it in: most sources read it as
 * bytes, so it is never decoded to a {@code String} and encoded back.
 *
 * @param sourceId the source's own id for the document, or null (the stage then hashes the text)
 * @param utf8     the document text as valid UTF-8; for a rejection, the raw text when there is one (may be null)
 * @param location where the record is: {@code <file>@<byte offset>}, {@code <file>#row=<n>}, or the file
 * @param reason   null for a document; a short code (e.g. {@code malformed-json}) for a rejection
 * @param detail   for a rejection, a human message saying what is wrong
 */
public record SourceRecord(String sourceId, byte[] utf8, String url, String location, String reason, String detail) {

    /** A document whose text is valid UTF-8 (the caller checked it); the array is not copied. */
    public static SourceRecord document(String sourceId, byte[] utf8, String url, String location) {
        return new SourceRecord(sourceId, utf8, url, location, null, null);
    }

    public static SourceRecord rejected(String location, Reason reason, String detail, String text) {
        return new SourceRecord(null, text == null ? null : text.getBytes(StandardCharsets.UTF_8), null, location,
                reason.code(), detail);
    }

    /** The text decoded; for tests and messages, as the rows take the bytes. */
    public String text() {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    /** The text's length in code points (0 without a text). */
    public int chars() {
        return utf8 == null ? 0 : Utf8.codePoints(utf8, 0, utf8.length);
    }

    public boolean kept() {
        return reason == null;
    }

    /** Equal when every field is, the text by its bytes (a record's default compares the array's identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SourceRecord r && Arrays.equals(utf8, r.utf8) && Objects.equals(sourceId, r.sourceId)
                && Objects.equals(url, r.url) && Objects.equals(location, r.location)
                && Objects.equals(reason, r.reason) && Objects.equals(detail, r.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, Arrays.hashCode(utf8), url, location, reason, detail);
    }

    @Override
    public String toString() {
        return "SourceRecord[sourceId=" + sourceId + ", text=" + text() + ", url=" + url + ", location=" + location
                + ", reason=" + reason + ", detail=" + detail + "]";
    }
}
