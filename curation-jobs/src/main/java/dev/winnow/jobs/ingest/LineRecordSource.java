package dev.winnow.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Shared loop of the line formats: oversize lines, bad UTF-8, a stream that breaks off. Subclasses
 * turn one valid line into a record.
 */
abstract class LineRecordSource implements RecordSource {
    private final InputStream stream;
    private final LineSplitReader lines;
    private final String name;
    protected final RecordChecks checks;
    private boolean done;
    private long records;

    LineRecordSource(InputStream stream, IngestSplit split, RecordChecks checks) throws IOException {
        this.stream = stream;
        this.name = split.name();
        this.checks = checks;
        long end = split.wholeFile() ? Long.MAX_VALUE : split.end();
        this.lines = new LineSplitReader(stream, split.start(), end, (int) checks.limits().maxRecordBytes());
    }

    /** The record (document or rejection) for one non-blank line of valid UTF-8. */
    abstract SourceRecord parse(byte[] line, int length, String location);

    @Override
    public final SourceRecord next() {
        if (done) {
            return null;
        }
        try {
            while (lines.next()) {
                String location = name + "@" + lines.lineStart();
                if (lines.tooLong()) {
                    records++;
                    return checks.tooLarge(lines.fullLength(), location);
                }
                byte[] b = lines.bytes();
                int len = lines.length();
                if (isBlank(b, len)) {
                    continue;
                }
                records++;
                SourceRecord bad = checks.utf8Problem(b, 0, len, location);
                if (bad != null) {
                    return bad;
                }
                if (checks.limits().replaceInvalidUtf8() && Utf8.firstInvalid(b, 0, len) >= 0) {
                    b = checks.decode(b, 0, len).getBytes(StandardCharsets.UTF_8); // U+FFFD for bad bytes
                    len = b.length;
                }
                return parse(b, len, location);
            }
        } catch (IOException | RuntimeException e) {
            done = true;
            if (records == 0 && !lines.started()) {
                // Not one byte came out (e.g. random bytes named .zst): the file is unreadable, not cut short.
                return SourceRecord.rejected(name, Reason.UNREADABLE_FILE, "cannot read " + name + ": " + e, null);
            }
            return SourceRecord.rejected(name, Reason.TRUNCATED_FILE,
                    name + " breaks off after " + records + " records: " + e, null);
        }
        done = true;
        return null;
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
