package dev.winnow.jobs.blend;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalFooterTest {
    @TempDir
    Path dir;

    /** Pages (any bytes), then a footer whose one column chunk lists {@code encodings} in that order. */
    private static byte[] file(byte[] pages, Encoding... encodings) throws Exception {
        ColumnMetaData meta = new ColumnMetaData(Type.BYTE_ARRAY, new ArrayList<>(List.of(encodings)), List.of("doc_id"),
                CompressionCodec.SNAPPY, 3, 120, 100, 4);
        ColumnChunk chunk = new ColumnChunk(4);
        chunk.setMeta_data(meta);
        RowGroup group = new RowGroup(List.of(chunk), 100, 3);
        FileMetaData md = new FileMetaData(1, List.of(new SchemaElement("spark_schema")), 3, List.of(group));
        md.setCreated_by("parquet-mr");
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(md, footer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(pages);
        out.write(footer.toByteArray());
        int n = footer.size();
        out.write(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
        out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void encodingsInAnyOrderGiveTheSameBytes() throws Exception {
        byte[] pages = new byte[70_000]; // more than the copy buffer
        for (int i = 0; i < pages.length; i++) {
            pages[i] = (byte) (i * 31 + 7);
        }
        pages[0] = 'P';
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path a = Files.write(dir.resolve("a.parquet"), file(pages, Encoding.BIT_PACKED, Encoding.PLAIN, Encoding.RLE));
        Path b = Files.write(dir.resolve("b.parquet"), file(pages, Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED));
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));

        boolean changedA = CanonicalFooter.apply(fs, new org.apache.hadoop.fs.Path(a.toUri()));
        boolean changedB = CanonicalFooter.apply(fs, new org.apache.hadoop.fs.Path(b.toUri()));
        assertTrue(changedA || changedB);
        byte[] bytes = Files.readAllBytes(a);
        assertArrayEquals(bytes, Files.readAllBytes(b));
        assertArrayEquals(pages, Arrays.copyOf(bytes, pages.length), "the pages are left as they were");
        assertArrayEquals(file(pages, Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED), bytes,
                "sorted by number: PLAIN 0, RLE 3, BIT_PACKED 4");
        assertFalse(CanonicalFooter.apply(fs, new org.apache.hadoop.fs.Path(a.toUri())), "a canonical file is left alone");
        try (var files = Files.list(dir)) {
            // (the local file system keeps a .<name>.crc beside each file it wrote)
            assertEquals(List.of("a.parquet", "b.parquet"), files.map(f -> f.getFileName().toString())
                    .filter(f -> !f.endsWith(".crc")).sorted().toList(), "no temporary file left");
        }
        int n = (bytes[bytes.length - 8] & 0xff) | (bytes[bytes.length - 7] & 0xff) << 8;
        FileMetaData md = Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - n, n));
        assertEquals(List.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED),
                md.getRow_groups().get(0).getColumns().get(0).getMeta_data().getEncodings());
    }
}
