package dev.winnow.jobs.ingest;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull reader over one split of one source file. It never throws for bad data: a bad record
 * comes back as a rejected {@link SourceRecord}, and a file that breaks off ends the source with
 * one {@link Reason#TRUNCATED_FILE} record.
 */
public interface RecordSource extends Closeable {
    /** The next record, or null at the end of the split. */
    SourceRecord next();

    @Override
    void close() throws IOException;
}
