package dev.winnow.jobs.blend;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a Parquet file's footer in one canonical form, so the same rows give the same bytes in any
 * JVM. parquet-mr (1.17) collects each column chunk's encodings in a {@code HashSet<Encoding>}
 * and writes them in its iteration order, which follows the enum constants' identity hash codes:
 * a shard written by another JVM (another executor, another run) lists e.g. {@code PLAIN,
 * BIT_PACKED, RLE} where this one lists {@code BIT_PACKED, PLAIN, RLE}. The list is a set, in
 * no order the format defines; we sort it by the encoding's number. Only the footer changes: the
 * pages before it, and so every offset it holds, stay where they are.
 */
public final class CanonicalFooter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private CanonicalFooter() {
    }

    /** Rewrites {@code file} if its footer is not canonical; returns whether it did. */
    public static boolean apply(FileSystem fs, Path file) throws IOException {
        long length = fs.getFileStatus(file).getLen();
        byte[] footer;
        long footerStart;
        try (FSDataInputStream in = fs.open(file)) {
            byte[] tail = new byte[8];
            in.readFully(length - 8, tail);
            if (!Arrays.equals(Arrays.copyOfRange(tail, 4, 8), MAGIC)) {
                throw new IOException(file + " is not a plain Parquet file (no PAR1 at its end)");
            }
            int footerLength = (tail[0] & 0xff) | (tail[1] & 0xff) << 8 | (tail[2] & 0xff) << 16 | (tail[3] & 0xff) << 24;
            footerStart = length - 8 - footerLength;
            footer = new byte[footerLength];
            in.readFully(footerStart, footer);
        }
        byte[] canonical = canonical(footer);
        if (Arrays.equals(canonical, footer)) {
            return false;
        }
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".canonical");
        try (FSDataInputStream in = fs.open(file); FSDataOutputStream out = fs.create(tmp, true)) {
            byte[] buffer = new byte[1 << 16];
            long left = footerStart;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("unexpected end of " + file);
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            out.write(canonical);
            int n = canonical.length;
            out.write(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
            out.write(MAGIC);
        }
        if (!fs.delete(file, false) || !fs.rename(tmp, file)) {
            throw new IOException("cannot replace " + file + " by its canonical form " + tmp);
        }
        return true;
    }

    /** The footer (Thrift FileMetaData) with every column chunk's encodings sorted. */
    static byte[] canonical(byte[] footer) throws IOException {
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer));
        if (metadata.isSetRow_groups()) {
            for (RowGroup group : metadata.getRow_groups()) {
                for (ColumnChunk chunk : group.getColumns()) {
                    if (chunk.isSetMeta_data() && chunk.getMeta_data().isSetEncodings()) {
                        List<Encoding> sorted = chunk.getMeta_data().getEncodings().stream()
                                .sorted(Comparator.comparingInt(Encoding::getValue)).toList();
                        chunk.getMeta_data().setEncodings(new java.util.ArrayList<>(sorted));
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(footer.length);
        Util.writeFileMetaData(metadata, out);
        return out.toByteArray();
    }
}
