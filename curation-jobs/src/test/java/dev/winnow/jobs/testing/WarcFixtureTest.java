package dev.winnow.jobs.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.netpreserve.jwarc.Warcinfo;

class WarcFixtureTest {

    private static final byte[] HTML =
            "<html><head><title>T</title></head><body><p>Grüße aus dem Test.</p></body></html>".getBytes(UTF_8);

    @TempDir
    Path tmp;

    /** One record of every kind the fixture writes. */
    private static WarcFixture everyType() {
        return new WarcFixture("warc-fixture-test")
                .warcinfo("winnow-tests/1.0")
                .request("https://example.org/page?x=1")
                .response("https://example.org/page?x=1", "text/html; charset=utf-8", HTML)
                .request("https://example.org/zipped")
                .response("https://example.org/zipped",
                        "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\nX-Test: yes\n",
                        WarcFixture.gzipStored(HTML))
                .rawResponse("https://example.org/chunked",
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n",
                        WarcFixture.chunked("hello chunked world".getBytes(UTF_8), 5))
                .resource("https://example.org/logo.png", "image/png", WarcFixture.pngHeader())
                .metadata("https://example.org/page?x=1", "via: https://example.org/\nfetchTimeMs: 42")
                .conversion("https://example.org/page?x=1", "Grüße aus dem Test.");
    }

    private static List<WarcRecord> readAll(Path file, List<byte[]> bodies, List<String> types) throws IOException {
        List<WarcRecord> out = new ArrayList<>();
        try (WarcReader reader = new WarcReader(file)) {
            for (WarcRecord r : reader) {
                out.add(r);
                types.add(r.type());
                if (r instanceof WarcResponse resp) {
                    // the HTTP payload, after the header block (still content/transfer-encoded)
                    bodies.add(resp.http().body().stream().readAllBytes());
                } else {
                    bodies.add(r.body().stream().readAllBytes());
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesEveryRecordTypeAndReadsBack(boolean gzip) throws IOException {
        Path file = everyType().write(tmp.resolve(gzip ? "all.warc.gz" : "all.warc"), gzip);
        try (WarcReader reader = new WarcReader(file)) {
            assertEquals(gzip ? WarcCompression.GZIP : WarcCompression.NONE, reader.compression());
        }
        List<byte[]> bodies = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<WarcRecord> records = readAll(file, bodies, types);

        assertEquals(List.of("warcinfo", "request", "response", "request", "response", "response",
                "resource", "metadata", "conversion"), types);

        Warcinfo info = assertInstanceOf(Warcinfo.class, records.get(0));
        String fields = new String(bodies.get(0), UTF_8);
        assertTrue(fields.contains("software: winnow-tests/1.0\r\n"), fields);
        assertEquals("application/warc-fields", info.contentType().base().toString());

        WarcRequest req = assertInstanceOf(WarcRequest.class, records.get(1));
        assertEquals("https://example.org/page?x=1", req.target());
        assertEquals("application/http;msgtype=request", req.contentType().toString().replace(" ", ""));
        String httpRequest = new String(bodies.get(1), UTF_8);
        assertTrue(httpRequest.startsWith("GET /page?x=1 HTTP/1.1\r\nHost: example.org\r\n"), httpRequest);
        assertTrue(httpRequest.endsWith("\r\n\r\n"), httpRequest);

        WarcResponse resp = assertInstanceOf(WarcResponse.class, records.get(2));
        assertEquals("https://example.org/page?x=1", resp.target());
        assertEquals(List.of(req.id()), resp.concurrentTo());
        assertEquals(info.id(), resp.warcinfoID().orElseThrow());
        assertArrayEquals(HTML, bodies.get(2));

        // headers and decoded payloads of the three responses, from a fresh reader
        try (WarcReader reader = new WarcReader(file)) {
            int seen = 0;
            for (WarcRecord r : reader) {
                if (!(r instanceof WarcResponse w)) {
                    continue;
                }
                var http = w.http();
                assertEquals(200, http.status());
                switch (seen++) {
                    case 0 -> {
                        assertEquals(Optional.of("text/html; charset=utf-8"), http.headers().first("Content-Type"));
                        assertEquals("utf-8", http.contentType().parameters().get("charset"));
                        assertEquals(Optional.of(String.valueOf(HTML.length)), http.headers().first("Content-Length"));
                        assertEquals("text/html", w.payloadType().base().toString());
                        assertEquals(Optional.of("Wed, 01 May 2024 00:00:02 GMT"), http.headers().first("Date"));
                    }
                    case 1 -> {
                        assertEquals(Optional.of("gzip"), http.headers().first("Content-Encoding"));
                        assertEquals(Optional.of("yes"), http.headers().first("X-Test"));
                        // jwarc decodes the content encoding of the payload
                        assertArrayEquals(HTML, http.bodyDecoded().stream().readAllBytes());
                    }
                    case 2 -> {
                        assertEquals(Optional.of("chunked"), http.headers().first("Transfer-Encoding"));
                        assertEquals("hello chunked world",
                                new String(http.bodyDecoded().stream().readAllBytes(), UTF_8));
                    }
                    default -> throw new AssertionError("unexpected response " + w.target());
                }
            }
            assertEquals(3, seen);
        }

        WarcResource res = assertInstanceOf(WarcResource.class, records.get(6));
        assertEquals("https://example.org/logo.png", res.target());
        assertEquals("image/png", res.contentType().toString());
        assertArrayEquals(WarcFixture.pngHeader(), bodies.get(6));

        WarcMetadata meta = assertInstanceOf(WarcMetadata.class, records.get(7));
        assertEquals("https://example.org/page?x=1", meta.target());
        assertEquals("via: https://example.org/\r\nfetchTimeMs: 42\r\n", new String(bodies.get(7), UTF_8));
        assertEquals(List.of(res.id()), meta.concurrentTo());

        WarcConversion conv = assertInstanceOf(WarcConversion.class, records.get(8));
        assertEquals("https://example.org/page?x=1", conv.target());
        assertEquals("text/plain", conv.contentType().toString());
        assertEquals("Grüße aus dem Test.", new String(bodies.get(8), UTF_8));
        assertEquals(Optional.of(resp.id()), conv.refersTo());

        // ids are unique, dates are BASE_DATE + n seconds
        assertEquals(records.size(), records.stream().map(WarcRecord::id).distinct().count());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(WarcFixture.BASE_DATE.plusSeconds(i), records.get(i).date());
            assertTrue(records.get(i).id().toString().startsWith("urn:uuid:"));
        }
        for (WarcRecord r : records) {
            if (r instanceof WarcTargetRecord t && !(r instanceof Warcinfo)) {
                assertEquals(info.id(), t.warcinfoID().orElseThrow(), r.type());
            }
        }
    }

    @Test
    void blockDigestsAreCorrect() throws IOException {
        Path file = everyType().write(tmp.resolve("digest.warc.gz"), true);
        int checked = 0;
        try (WarcReader reader = new WarcReader(file)) {
            reader.calculateBlockDigest();
            for (WarcRecord r : reader) {
                if (r.blockDigest().isPresent()) {
                    r.body().consume();
                    assertEquals(r.blockDigest(), r.calculatedBlockDigest(), r.type() + " " + r.id());
                    checked++;
                }
            }
        }
        assertEquals(8, checked);
    }

    @Test
    void sameCallsGiveIdenticalBytes() throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path a = everyType().write(tmp.resolve("a-" + gzip), gzip);
            Path b = everyType().write(tmp.resolve("b-" + gzip), gzip);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        }
        // the same fixture written twice
        WarcFixture f = everyType();
        assertArrayEquals(f.toBytes(true), f.toBytes(true));
        // a different seed changes the ids
        byte[] other = new WarcFixture("another-seed").warcinfo("winnow-tests/1.0").toBytes(false);
        byte[] same = new WarcFixture("warc-fixture-test").warcinfo("winnow-tests/1.0").toBytes(false);
        assertFalse(Arrays.equals(other, same));
    }

    @Test
    void gzipFileIsOneMemberPerRecordAndPlainIsNot() throws IOException {
        WarcFixture f = everyType();
        byte[] gz = f.toBytes(true);
        byte[] plain = f.toBytes(false);
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
        assertTrue(new String(plain, 0, 9, UTF_8).startsWith("WARC/1."));
        // gunzipping the concatenated members gives exactly the plain file
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        int members = 0;
        for (int i = 0; i + 3 < gz.length; i++) {
            if ((gz[i] & 0xff) == 0x1f && (gz[i + 1] & 0xff) == 0x8b && gz[i + 2] == 8 && gz[i + 3] == 0) {
                members++;
            }
        }
        assertTrue(members >= f.size(), "members " + members);
        assertEquals(9, f.size());
        assertEquals(List.of("warcinfo", "request", "response", "request", "response", "response",
                "resource", "metadata", "conversion"), f.types());
    }

    @Test
    void truncateKeepsAPrefix() throws IOException {
        Path full = everyType().write(tmp.resolve("full.warc.gz"), true);
        long size = Files.size(full);
        Path cut = WarcFixture.truncate(full, tmp.resolve("sub/cut.warc.gz"), size / 2);
        byte[] all = Files.readAllBytes(full);
        assertArrayEquals(Arrays.copyOf(all, (int) (size / 2)), Files.readAllBytes(cut));
        assertEquals(0, Files.size(WarcFixture.truncate(full, tmp.resolve("empty"), 0)));
        assertThrows(IllegalArgumentException.class, () -> WarcFixture.truncate(full, tmp.resolve("x"), size + 1));
        assertThrows(IllegalArgumentException.class, () -> WarcFixture.truncate(full, tmp.resolve("x"), -1));

        // a reader sees the records before the cut, then fails or stops
        int read = 0;
        try (WarcReader reader = new WarcReader(cut)) {
            for (WarcRecord r : reader) {
                r.body().consume();
                read++;
            }
        } catch (IOException | RuntimeException expected) {
            // truncated gzip member or record
        }
        assertTrue(read > 0 && read < 9, "read " + read);
    }

    @Test
    void helpersEncodeCorrectly() throws IOException {
        byte[] data = new byte[150_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 7));
        }
        for (byte[] input : List.of(data, new byte[0], HTML)) {
            for (byte[] gz : List.of(WarcFixture.gzipStored(input), WarcFixture.gzip(input))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                    assertArrayEquals(input, in.readAllBytes());
                }
            }
        }
        assertArrayEquals(WarcFixture.gzipStored(HTML), WarcFixture.gzipStored(HTML));
        assertEquals("5\r\nhello\r\n2\r\n w\r\n0\r\n\r\n",
                new String(WarcFixture.chunked("hello w".getBytes(UTF_8), 5), UTF_8));
        assertThrows(IllegalArgumentException.class, () -> new WarcFixture().rawResponse("https://x/", "200 OK", HTML));
    }

    @Test
    void emptyFixtureWritesEmptyFile() throws IOException {
        Path p = new WarcFixture().write(tmp.resolve("empty.warc"), false);
        assertEquals(0, Files.size(p));
        assertEquals(Instant.parse("2024-05-01T00:00:00Z"), WarcFixture.BASE_DATE);
        assertEquals(URI.create("urn:uuid:" + java.util.UUID.nameUUIDFromBytes(
                "winnow-warc-fixture\n0\nwarcinfo\n".getBytes(UTF_8))),
                new WarcFixture().warcinfo("s").lastRecordId());
    }
}
