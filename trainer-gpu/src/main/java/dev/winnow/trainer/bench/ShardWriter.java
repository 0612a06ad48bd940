package dev.winnow.trainer.bench;

import dev.winnow.blending.BlendManifest;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a blend shard as the blend stage does (docs/blend-shards.md): Spark's schema, snappy.
 * For tests and the enlarged-blend benchmark; the pipeline itself writes shards with Spark.
 */
public final class ShardWriter {
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message spark_schema {
              optional binary doc_id (STRING);
              optional group tokens (LIST) {
                repeated group list {
                  required int32 element;
                }
              }
            }""");

    private ShardWriter() {
    }

    /** Writes the documents with ids {@code idPrefix + i}; returns their token count. */
    public static long write(Path file, String idPrefix, List<int[]> docs, long rowGroupBytes) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        long tokens = 0;
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(rowGroupBytes).build()) {
            for (int i = 0; i < docs.size(); i++) {
                Group row = groups.newGroup().append(BlendManifest.DOC_ID, idPrefix + i);
                Group list = row.addGroup(BlendManifest.TOKENS);
                for (int id : docs.get(i)) {
                    list.addGroup("list").append("element", id);
                }
                w.write(row);
                tokens += docs.get(i).length;
            }
        }
        return tokens;
    }
}
