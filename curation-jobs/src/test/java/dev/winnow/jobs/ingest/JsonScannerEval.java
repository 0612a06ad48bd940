package dev.winnow.jobs.ingest;

import dev.winnow.jobs.eval.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every line of every JSON Lines file in ../shared/data (corpora, task sets, near-duplicate
 * sets) through the byte-level scanner and through Jackson: the same verdict, text, id and url.
 */
class JsonScannerEval {
    @Test
    void theScannerReadsEveryRealLineAsJacksonDid() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SharedData.root())) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz")).sorted().toList();
        }
        assertTrue(files.size() >= 20, "JSONL files found: " + files);
        long lines = 0;
        for (Path file : files) {
            for (byte[] line : lines(file)) {
                JacksonReference.assertSame(line);
                lines++;
            }
        }
        assertTrue(lines > 50_000, lines + " lines");
        System.out.printf("JsonScannerEval: %,d lines in %d files read the same as Jackson%n", lines, files.size());
    }

    private static List<byte[]> lines(Path file) throws IOException {
        byte[] all;
        try (InputStream in = file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            all = in.readAllBytes();
        }
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    out.add(Arrays.copyOfRange(all, start, end));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
