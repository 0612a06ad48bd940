package dev.winnow.jobs.stages;

import dev.winnow.jobs.docs.Documents;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The document tables are written without a Parquet dictionary for the columns that hold one
 * value per document (ids, urls, sources, texts), and with one for the rest (the dataset name).
 * Distinct values would end without a dictionary anyway, after the work of building one, so the
 * test repeats its urls and texts to see the setting.
 */
class UniqueColumnsEncodingTest {
    @TempDir
    Path dir;

    @Test
    void uniqueColumnsHaveNoDictionaryAndTheDatasetHasOne() throws IOException {
        Path jsonl = dir.resolve("d.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 3000; i++) {
                // Urls and texts that repeat: Parquet would keep a dictionary for them unless told not
                // to (for distinct values it drops the dictionary itself, after building it).
                w.write("{\"id\":\"doc-" + i + "\",\"url\":\"https://example.org/" + i % 3 + "\",\"text\":\"text number "
                        + i % 3 + "\"}\n");
            }
            for (int i = 0; i < 2000; i++) {
                w.write("{\"id\": \"bad-" + i + "\", not json\n"); // rejected, with a reason
            }
        }
        Path run = dir.resolve("run");
        IngestSplitsTest.ingestOnly(run, "{ name = d, format = jsonl, path = \"" + jsonl + "\" }");

        Map<String, Boolean> kept = dictionaries(run.resolve("stages/01-ingest"));
        for (String c : List.of(Documents.ID, Documents.URL, Documents.TEXT, Documents.SOURCE)) {
            assertEquals(false, kept.get(c), c + " in " + kept);
        }
        assertEquals(true, kept.get(Documents.DATASET), "dataset in " + kept);
        Map<String, Boolean> rejected = dictionaries(run.resolve("rejected/ingest"));
        assertEquals(false, rejected.get(Documents.ID), "id in " + rejected);
        assertEquals(true, rejected.get(Documents.STAGE), "stage in " + rejected);
    }

    /** Column name → whether any row group of any part file has a dictionary page for it. */
    private static Map<String, Boolean> dictionaries(Path folder) throws IOException {
        Map<String, Boolean> out = new TreeMap<>();
        List<Path> parts;
        try (Stream<Path> s = Files.list(folder)) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        assertTrue(!parts.isEmpty(), "no part files in " + folder);
        for (Path part : parts) {
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
                for (BlockMetaData block : r.getFooter().getBlocks()) {
                    for (ColumnChunkMetaData c : block.getColumns()) {
                        out.merge(c.getPath().toDotString(), c.hasDictionaryPage(), Boolean::logicalOr);
                    }
                }
            }
        }
        return out;
    }
}
