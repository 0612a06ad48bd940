package dev.winnow.jobs.ingest;

import com.github.luben.zstd.ZstdInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

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
            // GZIPInputStream reads concatenated members, as gzip(1) writes for appended files.
            case GZIP -> new GZIPInputStream(in, 1 << 16);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}
