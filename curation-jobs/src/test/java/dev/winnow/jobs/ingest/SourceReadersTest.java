package dev.winnow.jobs.ingest;

import com.github.luben.zstd.ZstdOutputStream;
import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.SourceFormat;
import dev.winnow.jobs.ingest.html.JusTextExtractor;
import dev.winnow.jobs.ingest.html.JusTextParams;
import dev.winnow.jobs.testing.WarcFixture;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input ends as a reasoned record, never as an exception or a silent loss. */
class SourceReadersTest {
    @TempDir
    Path dir;

    private static final Configuration CONF = new Configuration();
    private static final JusTextExtractor HTML = new JusTextExtractor(JusTextParams.defaults(), List.of("en", "de"));

    private static DatasetSpec dataset(SourceFormat format, Path path) {
        return dataset(format, path, DatasetSpec.TextUnit.FILE);
    }

    private static DatasetSpec dataset(SourceFormat format, Path path, DatasetSpec.TextUnit unit) {
        return new DatasetSpec("d", format, List.of(path.toString()), 0, "id", "text", "url", unit);
    }

    private static List<SourceRecord> read(DatasetSpec d, IngestLimits limits) throws IOException {
        SourceReaders readers = new SourceReaders(limits, HTML, CONF);
        List<SourceRecord> out = new ArrayList<>();
        for (IngestSplit split : SourceFiles.splits(SourceFiles.list(d, CONF), limits.splitBytes())) {
            try (RecordSource s = readers.open(split, d)) {
                for (SourceRecord r = s.next(); r != null; r = s.next()) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static List<SourceRecord> read(DatasetSpec d) throws IOException {
        return read(d, IngestLimits.defaults());
    }

    private static String reasons(List<SourceRecord> records) {
        return records.stream().map(r -> r.kept() ? "kept" : r.reason()).collect(Collectors.joining(","));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    private static String jsonl(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"id\":\"doc").append(i).append("\",\"text\":\"Document number ").append(i)
                    .append(" has some words in it.\",\"url\":\"https://example.org/").append(i).append("\"}\n");
        }
        return sb.toString();
    }

    @Test
    void jsonlBadLinesAreRejectedWithReasonsAndTheRestIsKept() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(utf8("{\"id\":\"a\",\"text\":\"first\",\"url\":\"https://x.org/a\"}\n"));
        b.write(utf8("{\"id\":\"b\",\"text\":\"unterminated\n"));
        b.write(utf8("{\"id\":\"c\",\"text\":\"bad "));
        b.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        b.write(utf8(" bytes\"}\n"));
        b.write(utf8("\n   \n"));
        b.write(utf8("{\"id\":\"d\"}\n"));
        b.write(utf8("{\"id\":\"e\",\"text\":42}\n"));
        b.write(utf8("[1,2]\n"));
        b.write(utf8("{\"id\":\"f\",\"text\":\"ok\"} trailing\n"));
        b.write(utf8("{\"text\":\"no id\"}\r\n"));
        List<SourceRecord> r = read(dataset(SourceFormat.JSONL, write("a.jsonl", b.toByteArray())));
        assertEquals("kept,malformed-json,invalid-utf8,missing-text,missing-text,malformed-json,malformed-json,kept",
                reasons(r));
        assertEquals("a", r.get(0).sourceId());
        assertEquals("https://x.org/a", r.get(0).url());
        assertEquals("a.jsonl@0", r.get(0).location());
        assertTrue(r.get(2).detail().contains("0xFF"), r.get(2).detail());
        assertNull(r.get(7).sourceId(), "no id: the stage hashes the text");
        assertEquals("no id", r.get(7).text());
    }

    @Test
    void customFieldNamesAreUsed() throws IOException {
        Path p = write("f.jsonl", utf8("{\"post_id\":7,\"body\":\"hello\",\"link\":\"https://f.org/7\"}\n"));
        DatasetSpec d = new DatasetSpec("f", SourceFormat.JSONL, List.of(p.toString()), 0, "post_id", "body", "link",
                DatasetSpec.TextUnit.FILE);
        SourceRecord r = read(d).get(0);
        assertEquals("7", r.sourceId());
        assertEquals("hello", r.text());
        assertEquals("https://f.org/7", r.url());
    }

    @Test
    void invalidUtf8CanBeReplacedInsteadOfRejected() throws IOException {
        byte[] line = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xC3, '"', '}', '\n'};
        Path p = write("r.jsonl", line);
        IngestLimits replace = new IngestLimits(1 << 20, 1 << 20, true, 0.01);
        assertEquals("a\uFFFD", read(dataset(SourceFormat.JSONL, p), replace).get(0).text());
        assertEquals("invalid-utf8", read(dataset(SourceFormat.JSONL, p)).get(0).reason());
    }

    @Test
    void truncatedGzipKeepsWhatCameBeforeAndSaysWhere() throws IOException {
        byte[] full = gzip(utf8(jsonl(2000)));
        Path p = write("t.jsonl.gz", java.util.Arrays.copyOf(full, full.length / 2));
        List<SourceRecord> r = read(dataset(SourceFormat.JSONL, p));
        SourceRecord last = r.get(r.size() - 1);
        assertEquals("truncated-file", last.reason());
        assertTrue(last.detail().contains("t.jsonl.gz") && last.detail().contains("breaks off after"), last.detail());
        long kept = r.stream().filter(SourceRecord::kept).count();
        assertTrue(kept > 100 && kept < 2000, "kept " + kept);
        assertEquals(r.size() - 1, kept, "only the last record is a rejection");
    }

    @Test
    void zstdAndGzipReadTheSameRecords() throws IOException {
        String data = jsonl(50);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(z)) {
            out.write(utf8(data));
        }
        List<SourceRecord> fromZstd = read(dataset(SourceFormat.JSONL, write("z.jsonl.zst", z.toByteArray())));
        List<SourceRecord> fromGzip = read(dataset(SourceFormat.JSONL, write("z.jsonl.gz", gzip(utf8(data)))));
        assertEquals(50, fromZstd.size());
        assertEquals(fromGzip.stream().map(SourceRecord::text).toList(), fromZstd.stream().map(SourceRecord::text).toList());
    }

    @Test
    void emptyFilesAreReportedNotLost() throws IOException {
        assertEquals("empty-file", read(dataset(SourceFormat.JSONL, write("e.jsonl", new byte[0]))).get(0).reason());
        assertEquals("empty-file", read(dataset(SourceFormat.JSONL, write("e2.jsonl.gz", gzip(new byte[0])))).get(0).reason());
        assertEquals("empty-file", read(dataset(SourceFormat.JSONL, write("blank.jsonl", utf8("\n\n")))).get(0).reason());
        assertEquals("empty-file", read(dataset(SourceFormat.TEXT, write("e.txt", new byte[0]))).get(0).reason());
    }

    @Test
    void aFileThatIsNotWhatItsNameSaysIsUnreadable() throws IOException {
        List<SourceRecord> r = read(dataset(SourceFormat.JSONL, write("fake.jsonl.gz", utf8("not gzip at all\n"))));
        assertEquals(1, r.size());
        assertEquals("unreadable-file", r.get(0).reason());
        assertTrue(r.get(0).detail().contains("fake.jsonl.gz"), r.get(0).detail());
    }

    @Test
    void fiftyMegabyteSingleLineIsRejectedWithoutStoppingTheFile() throws IOException {
        Path p = dir.resolve("big.jsonl");
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(utf8("{\"text\":\"before\"}\n{\"text\":\""));
            byte[] chunk = utf8("z".repeat(1 << 20));
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write(utf8("\"}\n{\"text\":\"after\"}\n"));
        }
        List<SourceRecord> r = read(dataset(SourceFormat.JSONL, p));
        assertEquals("kept,record-too-large,kept", reasons(r));
        assertTrue(r.get(1).detail().startsWith(String.valueOf(50L * (1 << 20) + 11)), r.get(1).detail());
        assertEquals("after", r.get(2).text());
    }

    @Test
    void strayNulsAreKeptForCleanButBinaryIsRejected() throws IOException {
        String stray = "{\"text\":\"a\\u0000 long enough text with one NUL in it, nothing more to see here\"}\n";
        String binary = "{\"text\":\"\\u0000\\u0000\\u0000\\u0000x\"}\n";
        List<SourceRecord> r = read(dataset(SourceFormat.JSONL, write("n.jsonl", utf8(stray + binary))));
        assertEquals("kept,binary-content", reasons(r));
        assertTrue(r.get(0).text().indexOf('\0') >= 0);
    }

    @Test
    void rawNulBytesInATextFileAreBinary() throws IOException {
        byte[] bin = new byte[1000];
        bin[0] = 'x';
        assertEquals("binary-content", read(dataset(SourceFormat.TEXT, write("b.txt", bin))).get(0).reason());
    }

    @Test
    void textOneDocumentPerFileUsesThePathAsId() throws IOException {
        Files.createDirectories(dir.resolve("books/en"));
        Files.writeString(dir.resolve("books/en/one.txt"), "First book.\nSecond line.");
        Files.writeString(dir.resolve("books/two.txt"), "Second book.");
        Files.writeString(dir.resolve("books/_SUCCESS"), "");
        List<SourceRecord> r = read(dataset(SourceFormat.TEXT, dir.resolve("books")));
        assertEquals(List.of("en/one.txt", "two.txt"), r.stream().map(SourceRecord::sourceId).toList());
        assertEquals("First book.\nSecond line.", r.get(0).text());
    }

    @Test
    void textOneDocumentPerLine() throws IOException {
        Path p = write("lines.txt", utf8("one\ntwo\n\nthree"));
        List<SourceRecord> r = read(dataset(SourceFormat.TEXT, p, DatasetSpec.TextUnit.LINE));
        assertEquals(List.of("one", "two", "three"), r.stream().map(SourceRecord::text).toList());
    }

    @Test
    void oversizedTextFileIsRejectedUnread() throws IOException {
        Path p = write("huge.txt", utf8("w".repeat(5000)));
        List<SourceRecord> r = read(dataset(SourceFormat.TEXT, p), new IngestLimits(1000, 1 << 20, false, 0.01));
        assertEquals("record-too-large", r.get(0).reason());
        assertTrue(r.get(0).detail().startsWith("5000 bytes"), r.get(0).detail());
    }

    @Test
    void largeUncompressedFilesSplitWithoutLosingOrRepeatingRecords() throws IOException {
        Path p = write("s.jsonl", utf8(jsonl(3000)));
        DatasetSpec d = dataset(SourceFormat.JSONL, p);
        List<SourceRecord> whole = read(d);
        List<SourceRecord> split = read(d, new IngestLimits(1 << 20, 1024, false, 0.01));
        assertEquals(3000, whole.size());
        assertTrue(SourceFiles.splits(SourceFiles.list(d, CONF), 1024).size() > 100);
        assertEquals(whole, split);
    }

    @Test
    void globsAndMissingPaths() throws IOException {
        write("g1.jsonl", utf8(jsonl(2)));
        write("g2.jsonl", utf8(jsonl(3)));
        assertEquals(5, read(dataset(SourceFormat.JSONL, dir.resolve("g*.jsonl"))).size());
        String m = org.junit.jupiter.api.Assertions.assertThrows(dev.winnow.jobs.config.ConfigError.class,
                () -> read(dataset(SourceFormat.JSONL, dir.resolve("nothing-*.jsonl")))).getMessage();
        assertTrue(m.contains("matches no file"), m);
    }

    private static String page(String title, String lang) {
        String para = lang.equals("de")
                ? "Die Stadt liegt an einem breiten Fluss, und in den alten Straßen der Innenstadt gibt es viele kleine "
                        + "Läden, die von den Familien seit vielen Jahren geführt werden, weil sie dort gern arbeiten."
                : "The town lies on a wide river, and in the old streets of the centre there are many small shops that "
                        + "have been run by the same families for many years, because they like to work there and stay.";
        return "<html><head><title>" + title + "</title></head><body>"
                + "<div class=nav><a href=/>Home</a> | <a href=/a>About</a> | <a href=/c>Contact</a></div>"
                + "<h1>" + title + "</h1><p>" + para + "</p><p>" + para + " " + para + "</p>"
                + "<div class=footer>© 2024 Example Media. All rights reserved.</div></body></html>";
    }

    @Test
    void warcEveryRecordIsAccountedFor() throws IOException {
        WarcFixture w = new WarcFixture("t")
                .warcinfo("test")
                .request("https://example.org/a")
                .response("https://example.org/a", "text/html; charset=utf-8", utf8(page("A river town", "en")))
                .response("https://example.org/logo.png", "image/png", WarcFixture.pngHeader())
                .rawResponse("https://example.org/gone", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n"
                        + "Content-Length: 9", utf8("not found"))
                .rawResponse("https://example.org/z", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                        + "Content-Encoding: gzip\r\nContent-Length: " + WarcFixture.gzip(utf8(page("Zipped", "en"))).length,
                        WarcFixture.gzip(utf8(page("Zipped", "en"))))
                .resource("https://beispiel.de/b", "text/html", utf8(page("Eine Stadt", "de")))
                .response("https://example.org/empty", "text/html", utf8("<html><body><a href=x>x</a></body></html>"))
                .metadata("https://example.org/a", "via: https://example.org/");
        Path p = w.write(dir.resolve("c.warc.gz"), true);
        List<SourceRecord> r = read(dataset(SourceFormat.WARC, p));
        assertEquals("warc-record-type,warc-record-type,kept,non-html-payload,http-status,kept,kept,no-main-text,"
                + "warc-record-type", reasons(r));
        SourceRecord a = r.get(2);
        assertEquals("https://example.org/a", a.url());
        assertTrue(a.text().contains("The town lies on a wide river"), a.text());
        assertTrue(!a.text().contains("All rights reserved") && !a.text().contains("Contact"), a.text());
        assertTrue(r.get(5).text().contains("wide river"), "gzip Content-Encoding is decoded");
        assertTrue(r.get(6).text().contains("breiten Fluss"), "German page through the German stop list");
        assertTrue(a.sourceId().matches("[0-9a-f-]{36}"), a.sourceId());
    }

    @Test
    void truncatedWarcKeepsEarlierRecords() throws IOException {
        WarcFixture w = new WarcFixture("t");
        for (int i = 0; i < 5; i++) {
            w.response("https://example.org/" + i, "text/html", utf8(page("Page " + i, "en")));
        }
        Path full = w.write(dir.resolve("f.warc"), false);
        Path cut = WarcFixture.truncate(full, dir.resolve("cut.warc"), Files.size(full) - 700);
        List<SourceRecord> r = read(dataset(SourceFormat.WARC, cut));
        assertEquals("kept,kept,kept,kept,truncated-file", reasons(r), r.get(4).detail());
    }

    @Test
    void wetConversionRecordsAreDocuments() throws IOException {
        Path p = new WarcFixture("w").warcinfo("wet").conversion("https://example.org/t", "Plain extracted text.")
                .write(dir.resolve("x.warc.wet.gz"), true);
        List<SourceRecord> r = read(dataset(SourceFormat.WET, p));
        assertEquals("warc-record-type,kept", reasons(r));
        assertEquals("Plain extracted text.", r.get(1).text());
        assertEquals("https://example.org/t", r.get(1).url());
    }

    @Test
    void parquetWithProjectionNullsAndMissingColumns() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message doc { required int64 id; optional binary text (STRING); optional binary url (STRING);"
                        + " optional binary extra (STRING); }");
        Path p = dir.resolve("d.parquet");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(p)).withType(schema).build()) {
            w.write(f.newGroup().append("id", 1L).append("text", "one").append("url", "https://p.org/1").append("extra", "x"));
            w.write(f.newGroup().append("id", 2L));
            w.write(f.newGroup().append("id", 3L).append("text", "three"));
        }
        List<SourceRecord> r = read(dataset(SourceFormat.PARQUET, p));
        assertEquals("kept,missing-text,kept", reasons(r));
        assertEquals("1", r.get(0).sourceId());
        assertEquals("https://p.org/1", r.get(0).url());
        assertNull(r.get(2).url());
        assertEquals("d.parquet#row=1", r.get(1).location());

        DatasetSpec other = new DatasetSpec("d", SourceFormat.PARQUET, List.of(p.toString()), 0, "id", "body", "url",
                DatasetSpec.TextUnit.FILE);
        SourceRecord bad = read(other).get(0);
        assertEquals("unreadable-file", bad.reason());
        assertTrue(bad.detail().contains("no string column 'body'"), bad.detail());
    }

    /** Dolma- and RedPajama-style records keep the url (and here the id) in a nested object. */
    @Test
    void nestedFieldsByDottedPathInJsonlAndParquet() throws IOException {
        Path j = dir.resolve("n.jsonl");
        Files.writeString(j, String.join("\n",
                "{\"text\":\"one\",\"meta\":{\"url\":\"https://n.org/1\",\"doc\":{\"id\":11}}}",
                "{\"text\":\"two\",\"meta\":\"not an object\"}",
                "{\"text\":\"three\",\"meta\":{\"url\":\"a\"},\"meta\":{\"url\":\"b\"}}",
                "{\"meta\":{\"doc\":{\"id\":4}},\"text\":\"four\",\"url\":\"top-level, not meta.url\"}") + "\n");
        DatasetSpec jsonl = new DatasetSpec("d", SourceFormat.JSONL, List.of(j.toString()), 0, "meta.doc.id", "text",
                "meta.url", DatasetSpec.TextUnit.FILE);
        List<SourceRecord> r = read(jsonl);
        assertEquals("kept,kept,malformed-json,kept", reasons(r));
        assertEquals("11", r.get(0).sourceId());
        assertEquals("https://n.org/1", r.get(0).url());
        assertNull(r.get(1).url());
        assertNull(r.get(1).sourceId());
        assertEquals("duplicate 'meta.url' field: which url is meant?", r.get(2).detail());
        assertEquals("4", r.get(3).sourceId());
        assertNull(r.get(3).url());

        MessageType schema = MessageTypeParser.parseMessageType("message doc { optional group content { optional binary"
                + " body (STRING); optional int32 pages; } optional group meta { optional binary url (STRING);"
                + " optional binary lang (STRING); } optional binary url (STRING); }");
        Path p = dir.resolve("n.parquet");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(p)).withType(schema).build()) {
            Group a = f.newGroup();
            a.addGroup("content").append("body", "first").append("pages", 3);
            a.addGroup("meta").append("url", "https://n.org/p1").append("lang", "en");
            a.append("url", "top");
            w.write(a);
            Group b = f.newGroup();
            b.addGroup("content").append("pages", 1);
            w.write(b);
            Group c = f.newGroup();
            c.addGroup("content").append("body", "third");
            w.write(c);
        }
        DatasetSpec parquet = new DatasetSpec("d", SourceFormat.PARQUET, List.of(p.toString()), 0, "content.pages",
                "content.body", "meta.url", DatasetSpec.TextUnit.FILE);
        r = read(parquet);
        assertEquals("kept,missing-text,kept", reasons(r));
        assertEquals("first", r.get(0).text());
        assertEquals("3", r.get(0).sourceId());
        assertEquals("https://n.org/p1", r.get(0).url());
        assertNull(r.get(2).url());
        assertNull(r.get(2).sourceId());

        DatasetSpec group = new DatasetSpec("d", SourceFormat.PARQUET, List.of(p.toString()), 0, "id", "content",
                "url", DatasetSpec.TextUnit.FILE);
        assertTrue(read(group).get(0).detail().contains("no string column 'content'"));
    }
}
