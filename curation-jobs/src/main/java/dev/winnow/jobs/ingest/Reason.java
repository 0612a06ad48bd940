package dev.winnow.jobs.ingest;

/** Why ingest rejects a record. The codes are what {@code rejected/ingest/} and the manifest show. */
public enum Reason {
    /** A JSON line that does not parse, or is not an object. */
    MALFORMED_JSON("malformed-json"),
    /** The record has no text field, or it is not a string. */
    MISSING_TEXT("missing-text"),
    /** Bytes that are not UTF-8 (with {@code invalid-utf8 = reject}). */
    INVALID_UTF8("invalid-utf8"),
    /** More NUL characters than {@code max-nul-fraction}: binary, not text. */
    BINARY_CONTENT("binary-content"),
    /** Larger than {@code max-record-bytes}; skipped unread. */
    RECORD_TOO_LARGE("record-too-large"),
    /** A file with no records at all. */
    EMPTY_FILE("empty-file"),
    /** A file that could not be opened or read at all. */
    UNREADABLE_FILE("unreadable-file"),
    /** A file that ends in the middle of a record (truncated .gz/.zst/WARC); what came before is kept. */
    TRUNCATED_FILE("truncated-file"),
    /** A WARC record that is not a capture of a page (warcinfo, request, metadata, revisit). */
    WARC_RECORD_TYPE("warc-record-type"),
    /** A WARC response whose HTTP status is not 200. */
    HTTP_STATUS("http-status"),
    /** A WARC response or resource whose payload is not HTML (images, PDFs, robots.txt, ...). */
    NON_HTML_PAYLOAD("non-html-payload"),
    /** A WARC record whose HTTP message or payload cannot be parsed. */
    MALFORMED_RECORD("malformed-record"),
    /** An HTML page in which the boilerplate remover found no main text. */
    NO_MAIN_TEXT("no-main-text");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Reasons that concern a whole file rather than one record; the run lists them by file. */
    public boolean fileLevel() {
        return this == EMPTY_FILE || this == UNREADABLE_FILE || this == TRUNCATED_FILE;
    }
}
