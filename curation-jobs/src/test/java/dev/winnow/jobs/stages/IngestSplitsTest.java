package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.SourceFormat;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.ingest.SourceFiles;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One JSONL file under split-bytes is still cut, so that later stages get more than one partition. */
class IngestSplitsTest {
    private static final long MB = 1L << 20;
    private static final int DOCS = 24_000;

    @TempDir
    Path dir;

    @Test
    void splitBytesFollowsSparksFileSettings() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path big = dir.resolve("big.jsonl");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100 * MB);
        }
        List<SourceFiles.Listed> files = SourceFiles.list(
                new DatasetSpec("d", SourceFormat.JSONL, List.of(big.toString()), 0, "id", "text", "url",
                        DatasetSpec.TextUnit.FILE), new Configuration());
        // The test session fixes minPartitionNum at 16, as the defaults do; the open cost is Spark's 4 MB.
        assertEquals(104 * MB / 16, IngestStage.splitBytes(spark, 128 * MB, files));
        assertEquals(2 * MB, IngestStage.splitBytes(spark, 2 * MB, files), "split-bytes stays the cap");
        String before = spark.conf().get("spark.sql.files.minPartitionNum");
        try {
            spark.conf().set("spark.sql.files.minPartitionNum", "4");
            assertEquals(104 * MB / 4, IngestStage.splitBytes(spark, 128 * MB, files));
        } finally {
            spark.conf().set("spark.sql.files.minPartitionNum", before);
        }
    }

    @Test
    void aSmallFileBecomesSeveralPartFiles() throws IOException {
        Path jsonl = dir.resolve("one.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            for (int i = 0; i < DOCS; i++) {
                w.write("{\"id\":\"d" + i + "\",\"text\":\"document " + i + " " + "word ".repeat(80) + "\"}\n");
            }
        }
        assertTrue(Files.size(jsonl) > 9 * MB && Files.size(jsonl) < 128 * MB, "under split-bytes, over 2 open costs");
        Path run = dir.resolve("run");
        StageManifest ingest = ingestOnly(run, "{ name = one, format = jsonl, path = \"" + jsonl + "\" }");
        assertEquals(DOCS, ingest.kept());

        Path stage = run.resolve("stages/01-ingest");
        long parts;
        try (Stream<Path> s = Files.list(stage)) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).count();
        }
        assertTrue(parts >= 2, "one part file per split; got " + parts);
        // Split boundaries lose and repeat nothing.
        List<Row> rows = SparkTestSession.get().read().parquet(stage.toString()).select(Documents.ID).collectAsList();
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.getString(0)));
        assertEquals(DOCS, rows.size());
        assertEquals(DOCS, ids.size());
        assertTrue(ids.contains("one/d0") && ids.contains("one/d" + (DOCS - 1)), "ids are dataset/id");
    }

    /** Runs the ingest stage alone over {@code datasets} (HOCON list items) into {@code run}, quietly. */
    static StageManifest ingestOnly(Path run, String datasets) {
        WinnowConfig config = WinnowConfig.parse("winnow { run-dir = \"" + run + "\"\n"
                + " datasets = [ " + datasets + " ]\n stages = [ingest] }\n", List.of());
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Pipeline(SparkTestSession.get(), config, StageCatalog::create, progress).run(null, null, progress).get(0);
    }
}
