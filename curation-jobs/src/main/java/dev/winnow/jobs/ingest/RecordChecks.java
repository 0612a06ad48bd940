package dev.winnow.jobs.ingest;

import java.nio.charset.StandardCharsets;

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

    /**
     * A whole array as a document's text: itself when it is UTF-8, else (the policy being to
     * replace, {@link #utf8Problem} having passed it) with U+FFFD for each bad sequence. The caller
     * must not write to the array afterwards.
     */
    byte[] utf8Text(byte[] b) {
        if (limits.replaceInvalidUtf8() && Utf8.firstInvalid(b, 0, b.length) >= 0) {
            return Utf8.decodeLenient(b, 0, b.length).getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }

    /** A rejection when the UTF-8 text is mostly NULs (binary content), else null; stray NULs are left to clean. */
    SourceRecord binaryProblem(byte[] utf8, String location) {
        int nul = Utf8.countNul(utf8, 0, utf8.length);
        // A stray NUL or two is noise for clean to remove; binary data has them everywhere.
        if (nul <= 1) {
            return null;
        }
        int chars = Utf8.utf16Length(utf8, 0, utf8.length);
        if (nul <= limits.maxNulFraction() * chars) {
            return null;
        }
        return SourceRecord.rejected(location, Reason.BINARY_CONTENT,
                nul + " NUL characters in " + chars + " (max share " + limits.maxNulFraction() + ")", null);
    }

    SourceRecord tooLarge(long bytes, String location) {
        return SourceRecord.rejected(location, Reason.RECORD_TOO_LARGE,
                bytes + " bytes > max-record-bytes " + limits.maxRecordBytes(), null);
    }
}
