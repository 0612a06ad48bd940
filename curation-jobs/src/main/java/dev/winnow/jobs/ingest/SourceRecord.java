package dev.winnow.jobs.ingest;

/**
 * What a reader found at one place in a source file: a document, or a rejection with a reason.
 *
 * @param sourceId the source's own id for the document, or null (the stage then hashes the text)
 * @param location where the record is: {@code <file>@<byte offset>}, {@code <file>#row=<n>}, or the file
 * @param reason   null for a document; a short code (e.g. {@code malformed-json}) for a rejection
 * @param detail   for a rejection, a human message saying what is wrong
 * @param text     the document text; for a rejection, the raw text when there is one (may be null)
 */
public record SourceRecord(String sourceId, String text, String url, String location, String reason, String detail) {

    public static SourceRecord document(String sourceId, String text, String url, String location) {
        return new SourceRecord(sourceId, text, url, location, null, null);
    }

    public static SourceRecord rejected(String location, Reason reason, String detail, String text) {
        return new SourceRecord(null, text, null, location, reason.code(), detail);
    }

    public boolean kept() {
        return reason == null;
    }
}
