package dev.winnow.jobs.ingest;

/** The byte- and text-level checks every reader applies before a record becomes a document. */
final class RecordChecks {
    private final IngestLimits limits;

    RecordChecks(IngestLimits limits) {
        this.limits = limits;
    }

    IngestLimits limits() {
        return limits;
    }

    /** A rejection for bytes that are not UTF-8, or null when they are (or the policy is to replace). */
    SourceRecord utf8Problem(byte[] b, int off, int len, String location) {
        if (limits.replaceInvalidUtf8()) {
            return null;
        }
        int bad = Utf8.firstInvalid(b, off, len);
        if (bad < 0) {
            return null;
        }
        return SourceRecord.rejected(location, Reason.INVALID_UTF8,
                String.format("invalid UTF-8 byte 0x%02X at offset %d of the record", b[bad] & 0xFF, bad - off),
                Utf8.decodeLenient(b, off, len));
    }

    String decode(byte[] b, int off, int len) {
        return Utf8.decodeLenient(b, off, len);
    }

    /** A rejection when the text is mostly NULs (binary content), else null; stray NULs are left to clean. */
    SourceRecord binaryProblem(String text, String location) {
        int nul = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == 0) {
                nul++;
            }
        }
        // A stray NUL or two is noise for clean to remove; binary data has them everywhere.
        if (nul <= Math.max(1, limits.maxNulFraction() * text.length())) {
            return null;
        }
        return SourceRecord.rejected(location, Reason.BINARY_CONTENT,
                nul + " NUL characters in " + text.length() + " (max share " + limits.maxNulFraction() + ")", null);
    }

    SourceRecord tooLarge(long bytes, String location) {
        return SourceRecord.rejected(location, Reason.RECORD_TOO_LARGE,
                bytes + " bytes > max-record-bytes " + limits.maxRecordBytes(), null);
    }
}
