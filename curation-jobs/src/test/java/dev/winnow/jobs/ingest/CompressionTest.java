package dev.winnow.jobs.ingest;

import dev.winnow.jobs.bench.HostileCorpus;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concatenated gzip members and zstd frames are read to the end; a cut one is an error, never a quiet end. */
class CompressionTest {
    private static final byte[] A = "first member\n".repeat(50).getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "second member, long enough to matter\n".repeat(40).getBytes(StandardCharsets.UTF_8);

    @Test
    void gzipMembersAreAllRead() throws IOException {
        assertArrayEquals(concat(A, B), read(Compression.GZIP, concat(gzip(A), gzip(B))));
        assertArrayEquals(new byte[0], read(Compression.GZIP, gzip(new byte[0])));
    }

    @Test
    void aCutGzipMemberIsAnErrorWhereverItIsCut() throws IOException {
        byte[] b = gzip(B);
        // java.util.zip.GZIPInputStream returns end-of-stream for most of these (a short second member,
        // or one whose header is cut, is taken for trailing garbage and ignored).
        for (int cut : new int[]{1, 5, 12, 14, 30, b.length / 2, b.length - 4, b.length - 1}) {
            byte[] file = concat(gzip(A), Arrays.copyOf(b, cut));
            IOException e = assertThrows(IOException.class, () -> read(Compression.GZIP, file), "cut at " + cut);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
        assertThrows(IOException.class, () -> read(Compression.GZIP, concat(gzip(A), "junk".getBytes())));
        assertThrows(IOException.class, () -> read(Compression.GZIP, A), "not gzip");
    }

    @Test
    void zstdFramesAreAllReadAndACutFrameIsAnError() throws IOException {
        assertArrayEquals(concat(A, B), read(Compression.ZSTD, concat(zstd(A), zstd(B))));
        byte[] b = zstd(B);
        // zstd-jni's ZstdInputStream reads all of these as just the first frame, without an error.
        for (int cut : new int[]{1, 3, 10, b.length / 2, b.length - 1}) {
            byte[] file = concat(zstd(A), Arrays.copyOf(b, cut));
            assertThrows(EOFException.class, () -> read(Compression.ZSTD, file), "cut at " + cut);
        }
        byte[] single = zstd(B);
        assertThrows(EOFException.class, () -> read(Compression.ZSTD, Arrays.copyOf(single, single.length / 2)));
    }

    @Test
    void largeOutputIsReadInFull() throws IOException {
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 23);
        }
        assertArrayEquals(big, read(Compression.ZSTD, zstd(big)));
        assertArrayEquals(big, read(Compression.GZIP, gzip(big)));
    }

    private static byte[] read(Compression c, byte[] file) throws IOException {
        try (InputStream in = c.wrap(new ByteArrayInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] b) throws IOException {
        return HostileCorpus.gzip(b);
    }

    static byte[] zstd(byte[] b) throws IOException {
        return HostileCorpus.zstd(b);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
