package dev.winnow.jobs.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A UTF-8 reader of a local file, gunzipped when its name ends in {@code .gz}: how the driver-side
 * tools (evaluations, benchmarks) read their corpora. Stages read through Hadoop ({@link SourceReaders}).
 */
public final class LocalTextFiles {
    private static final int BUFFER = 1 << 16;

    private LocalTextFiles() {
    }

    public static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, BUFFER);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
    }
}
