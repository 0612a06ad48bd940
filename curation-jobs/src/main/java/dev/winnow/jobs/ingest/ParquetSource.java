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
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Parquet files with a string text column (and optional id and url columns), read column-projected. */
final class ParquetSource implements RecordSource {
    private final IngestSplit split;
    private final DatasetSpec dataset;
    private final RecordChecks checks;
    private final ParquetReader<Group> reader;
    private final boolean hasId;
    private final boolean hasUrl;
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
        if (!isStringColumn(schema, dataset.textField())) {
            throw new IOException("no string column '" + dataset.textField() + "' in schema " + schema);
        }
        hasId = isScalarColumn(schema, dataset.idField());
        hasUrl = isScalarColumn(schema, dataset.urlField());
        List<Type> projected = new ArrayList<>();
        projected.add(schema.getType(dataset.textField()));
        if (hasId) {
            projected.add(schema.getType(dataset.idField()));
        }
        if (hasUrl) {
            projected.add(schema.getType(dataset.urlField()));
        }
        Configuration projectedConf = new Configuration(conf);
        projectedConf.set(ReadSupport.PARQUET_READ_SCHEMA, new MessageType(schema.getName(), projected).toString());
        this.reader = new GroupReaderBuilder(file).withConf(projectedConf).build();
    }

    private static boolean isScalarColumn(MessageType schema, String name) {
        if (!schema.containsField(name)) {
            return false;
        }
        Type t = schema.getType(name);
        return t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED);
    }

    private static boolean isStringColumn(MessageType schema, String name) {
        return isScalarColumn(schema, name)
                && schema.getType(name).asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY;
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
        if (g.getFieldRepetitionCount(dataset.textField()) == 0) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT, "'" + dataset.textField() + "' is null", null);
        }
        byte[] bytes = g.getBinary(dataset.textField(), 0).getBytes();
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
        return SourceRecord.document(optional(g, hasId, dataset.idField()), text, optional(g, hasUrl, dataset.urlField()),
                location);
    }

    private static String optional(Group g, boolean present, String field) {
        if (!present || g.getFieldRepetitionCount(field) == 0) {
            return null;
        }
        return g.getValueToString(g.getType().getFieldIndex(field), 0);
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
