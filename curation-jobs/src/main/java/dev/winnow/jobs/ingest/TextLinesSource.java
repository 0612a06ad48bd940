package dev.winnow.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Plain text, one document per line. */
final class TextLinesSource extends LineRecordSource {
    TextLinesSource(InputStream stream, IngestSplit split, RecordChecks checks) throws IOException {
        super(stream, split, checks);
    }

    @Override
    SourceRecord parse(byte[] line, int length, String location) {
        // A copy: the line reader fills the same array with the next line.
        byte[] text = Arrays.copyOf(line, length);
        SourceRecord binary = checks.binaryProblem(text, location);
        return binary != null ? binary : SourceRecord.document(null, text, null, location);
    }
}
