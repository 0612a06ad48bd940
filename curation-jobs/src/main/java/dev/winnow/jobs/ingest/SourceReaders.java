package dev.winnow.jobs.ingest;

import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.SourceFormat;
import dev.winnow.jobs.ingest.html.JusTextExtractor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the right {@link RecordSource} for a split. Failing to open a file is not an exception for
 * the caller: it comes back as a source of one {@link Reason#UNREADABLE_FILE} record, and a file
 * that yields nothing comes back as one {@link Reason#EMPTY_FILE} record, so every file is
 * accounted for.
 */
public final class SourceReaders {
    private final IngestLimits limits;
    private final JusTextExtractor extractor;
    private final Configuration conf;

    public SourceReaders(IngestLimits limits, JusTextExtractor extractor, Configuration conf) {
        this.limits = limits;
        this.extractor = extractor;
        this.conf = conf;
    }

    public RecordSource open(IngestSplit split, DatasetSpec dataset) {
        if (split.fileLength() == 0) {
            return single(SourceRecord.rejected(split.name(), Reason.EMPTY_FILE, split.name() + " is empty (0 bytes)", null));
        }
        RecordSource source;
        try {
            source = openUnchecked(split, dataset);
        } catch (IOException | RuntimeException e) {
            return single(SourceRecord.rejected(split.name(), Reason.UNREADABLE_FILE,
                    "cannot open " + split.file() + " as " + dataset.format().configName() + ": " + e, null));
        }
        return split.wholeFile() ? new EmptyFileGuard(source, split) : source;
    }

    private RecordSource openUnchecked(IngestSplit split, DatasetSpec dataset) throws IOException {
        RecordChecks checks = new RecordChecks(limits);
        if (dataset.format() == SourceFormat.PARQUET) {
            return new ParquetSource(split, dataset, checks, conf);
        }
        boolean warc = dataset.format() == SourceFormat.WARC || dataset.format() == SourceFormat.WET;
        InputStream in = warc ? openRaw(split) : openDecompressed(split);
        try {
            if (warc) {
                Path path = new Path(split.file());
                FileSystem fs = path.getFileSystem(conf);
                return new WarcSource(in, split, checks, extractor, offset -> {
                    FSDataInputStream again = fs.open(path, 1 << 16);
                    again.seek(offset);
                    return again;
                });
            }
            if (dataset.format() == SourceFormat.JSONL) {
                return new JsonlSource(in, split, dataset, checks);
            }
            return dataset.textUnit() == DatasetSpec.TextUnit.LINE
                    ? new TextLinesSource(in, split, checks)
                    : new TextFileSource(in, split, checks);
        } catch (IOException | RuntimeException e) {
            in.close(); // the source never took ownership of the stream
            throw e;
        }
    }

    /** The file's bytes from the split start (one byte early, for the line-boundary rule). */
    private InputStream openRaw(IngestSplit split) throws IOException {
        Path path = new Path(split.file());
        FileSystem fs = path.getFileSystem(conf);
        FSDataInputStream in = fs.open(path, 1 << 16);
        if (split.start() > 0) {
            in.seek(split.start() - 1);
        }
        return in;
    }

    private InputStream openDecompressed(IngestSplit split) throws IOException {
        InputStream raw = openRaw(split);
        try {
            return Compression.of(split.file()).wrap(new BufferedInputStream(raw, 1 << 16));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static RecordSource single(SourceRecord record) {
        return new RecordSource() {
            private boolean done;

            @Override
            public SourceRecord next() {
                if (done) {
                    return null;
                }
                done = true;
                return record;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Turns "no records at all" into one empty-file rejection. */
    private static final class EmptyFileGuard implements RecordSource {
        private final RecordSource inner;
        private final IngestSplit split;
        private boolean any;
        private boolean done;

        EmptyFileGuard(RecordSource inner, IngestSplit split) {
            this.inner = inner;
            this.split = split;
        }

        @Override
        public SourceRecord next() {
            if (done) {
                return null;
            }
            SourceRecord r = inner.next();
            if (r != null) {
                any = true;
                return r;
            }
            done = true;
            return any ? null : SourceRecord.rejected(split.name(), Reason.EMPTY_FILE,
                    split.name() + " has no records", null);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
