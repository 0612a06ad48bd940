package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.ingest.IngestLimits;
import dev.winnow.jobs.ingest.IngestSplit;
import dev.winnow.jobs.ingest.RecordSource;
import dev.winnow.jobs.ingest.SourceReaders;
import dev.winnow.jobs.ingest.SourceRecord;
import dev.winnow.jobs.ingest.html.JusTextExtractor;
import dev.winnow.jobs.ingest.html.JusTextParams;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The executor side of ingest: streams the records of each split in a partition as rows. The rows
 * are Spark's internal ones, so a text read as UTF-8 goes into the row as those bytes: with
 * {@code Row} it was decoded to a {@code String} and encoded again, a fifth of the stage's CPU.
 */
final class IngestPartition implements FlatMapFunction<Iterator<IngestSplit>, InternalRow> {
    private final Map<String, DatasetSpec> datasets;
    private final IngestLimits limits;
    private final JusTextParams html;
    private final List<String> languages;
    private final Broadcast<SerializableConfiguration> conf;

    IngestPartition(Map<String, DatasetSpec> datasets, IngestLimits limits, JusTextParams html, List<String> languages,
                    Broadcast<SerializableConfiguration> conf) {
        this.datasets = Map.copyOf(datasets);
        this.limits = limits;
        this.html = html;
        this.languages = List.copyOf(languages);
        this.conf = conf;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<IngestSplit> splits) {
        SourceReaders readers = new SourceReaders(limits, new JusTextExtractor(html, languages), conf.value().value());
        MessageDigest sha1 = sha1();
        return new Iterator<>() {
            private RecordSource source;
            private DatasetSpec dataset;
            private SourceRecord pending;

            @Override
            public boolean hasNext() {
                while (pending == null) {
                    if (source == null) {
                        if (!splits.hasNext()) {
                            return false;
                        }
                        IngestSplit split = splits.next();
                        dataset = datasets.get(split.dataset());
                        source = readers.open(split, dataset);
                    }
                    pending = source.next();
                    if (pending == null) {
                        close(source);
                        source = null;
                    }
                }
                return true;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SourceRecord r = pending;
                pending = null;
                return toRow(dataset.name(), r, sha1);
            }
        };
    }

    /**
     * One row per record, in {@link dev.winnow.jobs.docs.Documents#INGESTED}'s columns and the
     * outcome's; documents without a source id are named by the SHA-1 of their text.
     */
    static InternalRow toRow(String dataset, SourceRecord r, MessageDigest sha1) {
        byte[] text = r.utf8();
        UTF8String utf8 = text == null ? null : UTF8String.fromBytes(text);
        String id;
        if (r.kept()) {
            id = dataset + "/" + (r.sourceId() != null ? r.sourceId() : HexFormat.of().formatHex(sha1.digest(text)));
        } else {
            id = dataset + "/" + r.location();
        }
        return new GenericInternalRow(new Object[] {
            UTF8String.fromString(id), UTF8String.fromString(dataset), string(r.url()), utf8, r.chars(),
            string(r.location()), string(r.reason()), string(r.detail())});
    }

    private static UTF8String string(String s) {
        return s == null ? null : UTF8String.fromString(s);
    }

    /** One digest per partition (digest() resets it), not one lookup per document. */
    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(RecordSource s) {
        try {
            s.close();
        } catch (IOException e) {
            // Everything was read already; a failing close of an input stream loses nothing.
        }
    }
}
