package dev.winnow.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Stream compression, chosen by file name suffix. */
public enum Compression {
    NONE, GZIP, ZSTD;

    public static Compression of(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".gz") || f.endsWith(".gzip")) {
            return GZIP;
        }
        if (f.endsWith(".zst") || f.endsWith(".zstd")) {
            return ZSTD;
        }
        return NONE;
    }

    public InputStream wrap(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            // Concatenated members (frames) are read to the end of the input; a cut one is an error.
            case GZIP -> new GzipMembers(in);
            case ZSTD -> new ZstdFrames(in);
        };
    }
}
