package dev.winnow.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Plain text, one document per line. */
final class TextLinesSource extends LineRecordSource {
    TextLinesSource(InputStream stream, IngestSplit split, RecordChecks checks) throws IOException {
        super(stream, split, checks);
    }

    @Override
    SourceRecord parse(byte[] line, int length, String location) {
        String text = checks.decode(line, 0, length);
        SourceRecord binary = checks.binaryProblem(text, location);
        return binary != null ? binary : SourceRecord.document(null, text, null, location);
    }
}
