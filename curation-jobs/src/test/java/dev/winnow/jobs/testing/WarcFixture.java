package dev.winnow.jobs.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Deterministic WARC writer for tests, a small builder over jwarc's {@link WarcWriter}.
 *
 * <p>Every record gets a {@code WARC-Record-ID} derived from the fixture's seed, a running counter, the
 * record type and its URL ({@link UUID#nameUUIDFromBytes}), and a {@code WARC-Date} of
 * {@link #BASE_DATE} plus the counter in seconds, so the same sequence of calls always produces the same
 * bytes. Records are kept as specifications, so {@link #write} and {@link #toBytes} can be called any
 * number of times.
 *
 * <p>Conventions, like a crawler's: records after a {@link #warcinfo} carry its id in
 * {@code WARC-Warcinfo-ID}; a {@link #response} whose URL matches the last {@link #request} points to it
 * with {@code WARC-Concurrent-To}; requests, responses, resources and conversions carry SHA-1
 * {@code WARC-Block-Digest}s, responses also a {@code WARC-Payload-Digest}.
 *
 * <pre>{@code
 * new WarcFixture("my-test")
 *     .warcinfo("winnow-tests")
 *     .request("https://example.org/a")
 *     .response("https://example.org/a", "text/html; charset=utf-8", html)
 *     .write(tmp.resolve("a.warc.gz"), true);
 * }</pre>
 */
public final class WarcFixture {

    /** Date of the first record; record {@code n} (0-based) is dated {@code BASE_DATE + n} seconds. */
    public static final Instant BASE_DATE = Instant.parse("2024-05-01T00:00:00Z");

    /** User-Agent of the HTTP requests this fixture writes. */
    public static final String USER_AGENT = "winnow-fixture/1.0 (+https://example.org/winnow)";

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @FunctionalInterface
    private interface RecordSpec {
        WarcRecord build() throws IOException;
    }

    private final String seed;
    private final List<RecordSpec> specs = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final Map<String, URI> lastRequestIdByUrl = new HashMap<>();
    private final Map<String, URI> lastResponseIdByUrl = new HashMap<>();
    private URI warcinfoId;
    private URI lastRecordId;

    /** A fixture with the default seed. */
    public WarcFixture() {
        this("winnow-warc-fixture");
    }

    /** A fixture whose record ids derive from {@code seed}: different seeds give different ids. */
    public WarcFixture(String seed) {
        this.seed = seed;
    }

    // ------------------------------------------------------------------------------------------------
    // records

    /** A {@code warcinfo} record ({@code application/warc-fields}) naming the software; later records refer to it. */
    public WarcFixture warcinfo(String software) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of(software));
        fields.put("format", List.of("WARC File Format 1.0"));
        fields.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/"));
        fields.put("robots", List.of("obey"));
        fields.put("isPartOf", List.of(seed));
        byte[] block = warcFields(fields);
        URI id = nextId("warcinfo", "");
        Instant date = nextDate();
        add("warcinfo", id, () -> new Warcinfo.Builder()
                .recordId(id)
                .date(date)
                .body(MediaType.parse("application/warc-fields"), block)
                .blockDigest(sha1(block))
                .build());
        warcinfoId = id;
        return this;
    }

    /** A {@code request} record holding an HTTP/1.1 GET for {@code url}. */
    public WarcFixture request(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String http = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
                + "Accept-Encoding: gzip\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        byte[] block = http.getBytes(ISO_8859_1);
        URI id = nextId("request", url);
        Instant date = nextDate();
        URI info = warcinfoId;
        add("request", id, () -> {
            WarcRequest.Builder b = new WarcRequest.Builder(url)
                    .recordId(id)
                    .date(date)
                    .body(MediaType.HTTP_REQUEST, block)
                    .blockDigest(sha1(block));
            if (info != null) {
                b.warcinfoId(info);
            }
            return b.build();
        });
        lastRequestIdByUrl.put(url, id);
        return this;
    }

    /**
     * A {@code response} record. Usually {@code contentTypeOrHeaderBlock} is the payload's
     * {@code Content-Type}, and the record gets an {@code HTTP/1.1 200 OK} header block with {@code Date},
     * {@code Server}, {@code Content-Type} and {@code Content-Length}. When it starts with {@code "HTTP/"}
     * it is instead a caller-written header block, as in {@link #rawResponse}, for custom headers such as
     * {@code Content-Encoding: gzip} or {@code Transfer-Encoding: chunked}.
     */
    public WarcFixture response(String url, String contentTypeOrHeaderBlock, byte[] body) {
        if (contentTypeOrHeaderBlock.startsWith("HTTP/")) {
            return rawResponse(url, contentTypeOrHeaderBlock, body);
        }
        String headers = "HTTP/1.1 200 OK\r\n"
                + "Date: " + HTTP_DATE.format(nextDate()) + "\r\n"
                + "Server: nginx\r\n"
                + "Content-Type: " + contentTypeOrHeaderBlock + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close";
        return rawResponse(url, headers, body);
    }

    /**
     * A {@code response} record with a caller-written HTTP header block: the status line and header lines,
     * with or without the blank line that ends them ({@code "\r\n\r\n"} is added when missing; bare
     * {@code "\n"} line ends become {@code "\r\n"}). {@code body} is written as-is after it, so it must
     * already be encoded as the headers say (see {@link #gzip}, {@link #gzipStored} and {@link #chunked}).
     * Its {@code WARC-Payload-Digest} is the SHA-1 of {@code body} exactly as given (chunk framing included).
     */
    public WarcFixture rawResponse(String url, String rawHttpHeaderBlock, byte[] body) {
        if (!rawHttpHeaderBlock.startsWith("HTTP/")) {
            throw new IllegalArgumentException("an HTTP header block starts with a status line like 'HTTP/1.1 200 OK'");
        }
        String head = rawHttpHeaderBlock.replace("\r\n", "\n").replace("\n", "\r\n");
        while (head.endsWith("\r\n")) {
            head = head.substring(0, head.length() - 2);
        }
        head += "\r\n\r\n";
        byte[] block = concat(head.getBytes(ISO_8859_1), body);
        URI id = nextId("response", url);
        Instant date = nextDate();
        URI info = warcinfoId;
        URI request = lastRequestIdByUrl.remove(url);
        WarcDigest payloadDigest = sha1(body);
        add("response", id, () -> {
            WarcResponse.Builder b = new WarcResponse.Builder(url)
                    .recordId(id)
                    .date(date)
                    .body(MediaType.HTTP_RESPONSE, block)
                    .blockDigest(sha1(block))
                    .payloadDigest(payloadDigest);
            if (info != null) {
                b.warcinfoId(info);
            }
            if (request != null) {
                b.concurrentTo(request);
            }
            return b.build();
        });
        lastResponseIdByUrl.put(url, id);
        return this;
    }

    /** A {@code resource} record: {@code body} is the block, {@code contentType} its WARC Content-Type. */
    public WarcFixture resource(String url, String contentType, byte[] body) {
        MediaType type = MediaType.parse(contentType);
        URI id = nextId("resource", url);
        Instant date = nextDate();
        URI info = warcinfoId;
        add("resource", id, () -> {
            WarcResource.Builder b = new WarcResource.Builder(URI.create(url))
                    .recordId(id)
                    .date(date)
                    .body(type, body)
                    .blockDigest(sha1(body));
            if (info != null) {
                b.warcinfoId(info);
            }
            return b.build();
        });
        return this;
    }

    /**
     * A {@code metadata} record about {@code url} with {@code text} as its {@code application/warc-fields}
     * block (write it as {@code "name: value\r\n"} lines; bare {@code "\n"} are turned into {@code "\r\n"}).
     * It refers to the record written just before it ({@code WARC-Concurrent-To}).
     */
    public WarcFixture metadata(String url, String text) {
        String fields = text.replace("\r\n", "\n").replace("\n", "\r\n");
        if (!fields.isEmpty() && !fields.endsWith("\r\n")) {
            fields += "\r\n";
        }
        byte[] block = fields.getBytes(UTF_8);
        URI id = nextId("metadata", url);
        Instant date = nextDate();
        URI info = warcinfoId;
        URI previous = lastRecordId;
        add("metadata", id, () -> {
            WarcMetadata.Builder b = new WarcMetadata.Builder()
                    .targetURI(url)
                    .recordId(id)
                    .date(date)
                    .body(MediaType.parse("application/warc-fields"), block);
            if (info != null) {
                b.warcinfoId(info);
            }
            if (previous != null) {
                b.concurrentTo(previous);
            }
            return b.build();
        });
        return this;
    }

    /**
     * A WET-style {@code conversion} record: the extracted plain text of {@code url}
     * ({@code text/plain}, UTF-8), referring to the last response written for that URL if any.
     */
    public WarcFixture conversion(String url, String text) {
        byte[] block = text.getBytes(UTF_8);
        URI id = nextId("conversion", url);
        Instant date = nextDate();
        URI info = warcinfoId;
        URI refersTo = lastResponseIdByUrl.get(url);
        add("conversion", id, () -> {
            WarcConversion.Builder b = new WarcConversion.Builder()
                    .setHeader("WARC-Target-URI", url)
                    .recordId(id)
                    .date(date)
                    .body(MediaType.PLAIN_TEXT, block)
                    .blockDigest(sha1(block))
                    .identifiedPayloadType("text/plain");
            if (info != null) {
                b.warcinfoId(info);
            }
            if (refersTo != null) {
                b.refersTo(refersTo);
            }
            return b.build();
        });
        return this;
    }

    // ------------------------------------------------------------------------------------------------
    // output

    /** Writes the records to {@code out} (parents created, file replaced), one gzip member per record if {@code gzip}. */
    public Path write(Path out, boolean gzip) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(out, toBytes(gzip));
        return out;
    }

    /** The WARC file's bytes, one gzip member per record if {@code gzip}. */
    public byte[] toBytes(boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (WarcWriter writer = new WarcWriter(Channels.newChannel(bytes),
                gzip ? WarcCompression.GZIP : WarcCompression.NONE)) {
            for (RecordSpec spec : specs) {
                writer.write(spec.build());
            }
        }
        return bytes.toByteArray();
    }

    /** Number of records added so far. */
    public int size() {
        return specs.size();
    }

    /** The WARC-Type of each record added so far, in order. */
    public List<String> types() {
        return Collections.unmodifiableList(types);
    }

    /** The WARC-Date the next record will get, as an HTTP {@code Date} header value: for {@link #rawResponse} headers. */
    public String nextHttpDate() {
        return HTTP_DATE.format(nextDate());
    }

    /** The id of the record added last, or null. */
    public URI lastRecordId() {
        return lastRecordId;
    }

    // ------------------------------------------------------------------------------------------------
    // static helpers

    /** Copies the first {@code keepBytes} bytes of {@code in} to {@code out}: a WARC cut off mid-record. */
    public static Path truncate(Path in, Path out, long keepBytes) throws IOException {
        long size = Files.size(in);
        if (keepBytes < 0 || keepBytes > size) {
            throw new IllegalArgumentException("keepBytes " + keepBytes + " outside [0, " + size + "] for " + in);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (InputStream is = Files.newInputStream(in); OutputStream os = Files.newOutputStream(out)) {
            byte[] buffer = new byte[8192];
            long left = keepBytes;
            while (left > 0) {
                int n = is.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("unexpected end of " + in);
                }
                os.write(buffer, 0, n);
                left -= n;
            }
        }
        return out;
    }

    /** {@code data} gzip-compressed with the platform's deflater (mtime 0), e.g. for a {@code Content-Encoding: gzip} body. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code data} as a valid gzip stream made of stored (uncompressed) deflate blocks. Unlike {@link #gzip}
     * its bytes do not depend on the platform's zlib, so committed fixtures built from it are reproducible
     * everywhere; any gzip reader decodes it.
     */
    public static byte[] gzipStored(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        // header: magic, CM=deflate, FLG=0, MTIME=0, XFL=0, OS=255 (unknown)
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        int pos = 0;
        do {
            int len = Math.min(65535, data.length - pos);
            boolean last = pos + len == data.length;
            out.write(last ? 1 : 0); // BFINAL, BTYPE=00 (stored)
            out.write(len & 0xff);
            out.write(len >>> 8);
            out.write(~len & 0xff);
            out.write((~len >>> 8) & 0xff);
            out.write(data, pos, len);
            pos += len;
        } while (pos < data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    /** {@code data} in HTTP/1.1 chunked transfer coding, chunks of at most {@code chunkSize} bytes. */
    public static byte[] chunked(byte[] data, int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        for (int pos = 0; pos < data.length; pos += chunkSize) {
            int len = Math.min(chunkSize, data.length - pos);
            out.writeBytes((Integer.toHexString(len) + "\r\n").getBytes(ISO_8859_1));
            out.write(data, pos, len);
            out.writeBytes("\r\n".getBytes(ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(ISO_8859_1));
        return out.toByteArray();
    }

    /** The first bytes of a real PNG file: signature and an IHDR chunk for a 1x1 RGBA image. */
    public static byte[] pngHeader() {
        return new byte[] {
            (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
            0, 0, 0, 13, 'I', 'H', 'D', 'R',
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
            0x1f, 0x15, (byte) 0xc4, (byte) 0x89,
        };
    }

    // ------------------------------------------------------------------------------------------------
    // internals

    private void add(String type, URI id, RecordSpec spec) {
        specs.add(spec);
        types.add(type);
        lastRecordId = id;
    }

    private URI nextId(String type, String url) {
        UUID uuid = UUID.nameUUIDFromBytes((seed + "\n" + specs.size() + "\n" + type + "\n" + url).getBytes(UTF_8));
        return URI.create("urn:uuid:" + uuid);
    }

    private Instant nextDate() {
        return BASE_DATE.plusSeconds(specs.size());
    }

    private static byte[] warcFields(Map<String, List<String>> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((name, values) -> values.forEach(v -> sb.append(name).append(": ").append(v).append("\r\n")));
        return sb.toString().getBytes(UTF_8);
    }

    private static WarcDigest sha1(byte[] data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(data);
            return new WarcDigest(md);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }
}
