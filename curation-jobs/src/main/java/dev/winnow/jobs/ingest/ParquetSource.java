package dev.winnow.jobs.ingest;

import dev.winnow.jobs.config.DatasetSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parquet files with a string text column (and optional id and url columns), read column-projected. */
final class ParquetSource implements RecordSource {
    private final IngestSplit split;
    private final DatasetSpec dataset;
    private final RecordChecks checks;
    private final ParquetReader<Group> reader;
    private final ParquetFieldPath textPath;
    /** Null when the file has no such column: the documents then have no id (or url). */
    private final ParquetFieldPath idPath;
    private final ParquetFieldPath urlPath;
    private long row;
    private boolean done;

    ParquetSource(IngestSplit split, DatasetSpec dataset, RecordChecks checks, Configuration conf) throws IOException {
        this.split = split;
        this.dataset = dataset;
        this.checks = checks;
        InputFile file = HadoopInputFile.fromPath(new Path(split.file()), conf);
        MessageType schema;
        try (ParquetFileReader footer = ParquetFileReader.open(file)) {
            schema = footer.getFooter().getFileMetaData().getSchema();
        }
        textPath = new ParquetFieldPath(dataset.textField());
        if (!textPath.isString(schema)) {
            throw new IOException("no string column '" + dataset.textField() + "' in schema " + schema);
        }
        idPath = present(schema, dataset.idField());
        urlPath = present(schema, dataset.urlField());
        List<ParquetFieldPath> projected = new ArrayList<>();
        projected.add(textPath);
        if (idPath != null) {
            projected.add(idPath);
        }
        if (urlPath != null) {
            projected.add(urlPath);
        }
        Configuration projectedConf = new Configuration(conf);
        projectedConf.set(ReadSupport.PARQUET_READ_SCHEMA, ParquetFieldPath.project(schema, projected).toString());
        this.reader = new GroupReaderBuilder(file).withConf(projectedConf).build();
    }

    private static ParquetFieldPath present(MessageType schema, String field) {
        if (field == null) {
            return null;
        }
        ParquetFieldPath path = new ParquetFieldPath(field);
        return path.column(schema) != null ? path : null;
    }

    @Override
    public SourceRecord next() {
        if (done) {
            return null;
        }
        String location = split.name() + "#row=" + row;
        Group g;
        try {
            g = reader.read();
        } catch (IOException | RuntimeException e) {
            done = true;
            return SourceRecord.rejected(split.name(), Reason.TRUNCATED_FILE,
                    split.name() + " cannot be read past row " + row + ": " + e, null);
        }
        if (g == null) {
            done = true;
            return null;
        }
        row++;
        byte[] bytes = textPath.bytes(g);
        if (bytes == null) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT, "'" + dataset.textField() + "' is null", null);
        }
        if (bytes.length > checks.limits().maxRecordBytes()) {
            return checks.tooLarge(bytes.length, location);
        }
        SourceRecord bad = checks.utf8Problem(bytes, 0, bytes.length, location);
        if (bad != null) {
            return bad;
        }
        byte[] text = checks.utf8Text(bytes);
        SourceRecord binary = checks.binaryProblem(text, location);
        if (binary != null) {
            return binary;
        }
        return SourceRecord.document(idPath == null ? null : idPath.text(g), text, urlPath == null ? null : urlPath.text(g),
                location);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** parquet-hadoop's Group reader over an InputFile (its public builder takes a Path only). */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
