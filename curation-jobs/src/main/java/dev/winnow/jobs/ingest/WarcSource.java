package dev.winnow.jobs.ingest;

import dev.winnow.jobs.ingest.html.Extraction;
import dev.winnow.jobs.ingest.html.JusTextExtractor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/**
 * Common Crawl WARC and WET files. Every record becomes a row: HTML responses (and resources)
 * become documents through jusText main-text extraction, WET conversion records are taken as
 * they are, and everything else (warcinfo, requests, metadata, images, redirects) is rejected with
 * a reason.
 */
final class WarcSource implements RecordSource {
    private final InputStream stream;
    private final IngestSplit split;
    private final RecordChecks checks;
    private final JusTextExtractor extractor;
    private final WarcReader reader;
    private long records;
    private boolean done;

    WarcSource(InputStream stream, IngestSplit split, RecordChecks checks, JusTextExtractor extractor) throws IOException {
        this.stream = stream;
        this.split = split;
        this.checks = checks;
        this.extractor = extractor;
        this.reader = new WarcReader(stream);
    }

    @Override
    public SourceRecord next() {
        if (done) {
            return null;
        }
        long offset = reader.position();
        Optional<WarcRecord> next;
        try {
            next = reader.next();
        } catch (IOException | RuntimeException e) {
            done = true;
            return SourceRecord.rejected(split.name(), Reason.TRUNCATED_FILE,
                    split.name() + " breaks off at byte " + offset + " after " + records + " records: " + e, null);
        }
        if (next.isEmpty()) {
            done = true;
            return null;
        }
        records++;
        WarcRecord record = next.get();
        String location = split.name() + "@" + offset;
        try {
            return toRecord(record, location);
        } catch (java.io.EOFException e) {
            // The file ends inside this record's block: it is the truncation, not a bad record.
            done = true;
            return SourceRecord.rejected(split.name(), Reason.TRUNCATED_FILE, split.name() + " breaks off inside the "
                    + record.type() + " record at byte " + offset + " after " + (records - 1) + " records: " + e, null);
        } catch (IOException | RuntimeException e) {
            return SourceRecord.rejected(location, Reason.MALFORMED_RECORD,
                    record.type() + " record cannot be parsed: " + e, null);
        }
    }

    private SourceRecord toRecord(WarcRecord record, String location) throws IOException {
        if (record instanceof WarcResponse response) {
            String url = response.target();
            if (!"application/http".equals(response.contentType().base().toString())) {
                // Not an HTTP capture (e.g. a plain payload written by a non-HTTP crawler).
                return fromPayload(response.contentType(), response.body(), url, response, location);
            }
            HttpResponse http = response.http();
            if (http.status() != 200) {
                return SourceRecord.rejected(location, Reason.HTTP_STATUS, "HTTP " + http.status() + " for " + url, null);
            }
            return fromPayload(http.contentType(), http.bodyDecoded(), url, response, location);
        }
        if (record instanceof WarcResource resource) {
            return fromPayload(resource.contentType(), resource.body(), resource.target(), resource, location);
        }
        if (record instanceof WarcConversion conversion) {
            byte[] bytes = readCapped(conversion.body());
            if (bytes == null) {
                return checks.tooLarge(conversion.body().size(), location);
            }
            SourceRecord bad = checks.utf8Problem(bytes, 0, bytes.length, location);
            if (bad != null) {
                return bad;
            }
            String text = checks.decode(bytes, 0, bytes.length);
            SourceRecord binary = checks.binaryProblem(text, location);
            return binary != null ? binary : SourceRecord.document(id(record), text, conversion.target(), location);
        }
        return SourceRecord.rejected(location, Reason.WARC_RECORD_TYPE, record.type() + " record", null);
    }

    private SourceRecord fromPayload(MediaType type, MessageBody body, String url, WarcRecord record, String location)
            throws IOException {
        String base = type.base().toString().toLowerCase(Locale.ROOT);
        if (!base.equals("text/html") && !base.equals("application/xhtml+xml")) {
            return SourceRecord.rejected(location, Reason.NON_HTML_PAYLOAD, base + " payload at " + url, null);
        }
        byte[] html = readCapped(body);
        if (html == null) {
            return checks.tooLarge(body.size(), location);
        }
        // jsoup takes the charset from the HTTP header when given, else from a BOM or <meta charset>.
        Document doc = Jsoup.parse(new ByteArrayInputStream(html), charset(type), url == null ? "" : url);
        Extraction extraction = extractor.extract(doc);
        if (extraction.text().isEmpty()) {
            return SourceRecord.rejected(location, Reason.NO_MAIN_TEXT, "jusText kept 0 of " + extraction.paragraphs()
                    + " paragraphs at " + url, null);
        }
        SourceRecord binary = checks.binaryProblem(extraction.text(), location);
        return binary != null ? binary : SourceRecord.document(id(record), extraction.text(), url, location);
    }

    /** The body's bytes, or null when it is larger than max-record-bytes. */
    private byte[] readCapped(MessageBody body) throws IOException {
        long max = checks.limits().maxRecordBytes();
        byte[] bytes = body.stream().readNBytes((int) max + 1);
        return bytes.length > max ? null : bytes;
    }

    private static String charset(MediaType type) {
        String cs = type.parameters().get("charset");
        if (cs == null) {
            return null;
        }
        try {
            return Charset.isSupported(cs.trim()) ? cs.trim() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String id(WarcRecord record) {
        String id = record.id().toString();
        return id.startsWith("urn:uuid:") ? id.substring("urn:uuid:".length()) : id;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        stream.close();
    }
}
