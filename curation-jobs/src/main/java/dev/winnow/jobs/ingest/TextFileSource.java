package dev.winnow.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Plain text, one document per file; the file's path in the dataset is its id. */
final class TextFileSource implements RecordSource {
    private final InputStream stream;
    private final IngestSplit split;
    private final RecordChecks checks;
    private boolean done;

    TextFileSource(InputStream stream, IngestSplit split, RecordChecks checks) {
        this.stream = stream;
        this.split = split;
        this.checks = checks;
    }

    @Override
    public SourceRecord next() {
        if (done) {
            return null;
        }
        done = true;
        String location = split.name();
        long max = checks.limits().maxRecordBytes();
        byte[] bytes;
        try {
            // Read one byte past the limit: enough to know the file is too large, without reading it all.
            bytes = stream.readNBytes((int) max + 1);
        } catch (IOException | RuntimeException e) {
            return SourceRecord.rejected(location, Reason.TRUNCATED_FILE, location + " cannot be read to its end: " + e, null);
        }
        if (bytes.length > max) {
            long size = Compression.of(split.file()) == Compression.NONE ? split.fileLength() : bytes.length;
            return checks.tooLarge(size, location);
        }
        if (bytes.length == 0) {
            return null;
        }
        SourceRecord bad = checks.utf8Problem(bytes, 0, bytes.length, location);
        if (bad != null) {
            return bad;
        }
        byte[] text = checks.utf8Text(bytes);
        SourceRecord binary = checks.binaryProblem(text, location);
        return binary != null ? binary : SourceRecord.document(split.name(), text, null, location);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
