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
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Common Crawl WARC and WET files. Every record becomes a row: HTML responses (and resources)
 * become documents through jusText main-text extraction, WET conversion records are taken as
 * they are, and everything else (warcinfo, requests, metadata, images, redirects) is rejected with
 * a reason.
 */
final class WarcSource implements RecordSource {
    /** Opens the file again at a byte offset, to resume reading after a record whose length lies. */
    interface Reopen {
        InputStream at(long offset) throws IOException;
    }

    private static final byte[] WARC_LINE = "\nWARC/1.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final IngestSplit split;
    private final RecordChecks checks;
    private final JusTextExtractor extractor;
    private final Reopen reopen;
    private InputStream stream;
    private WarcReader reader;
    /** Where {@link #reader}'s stream starts in the file. */
    private long base;
    /** The record after the one last returned, read ahead to check where the last one ended. */
    private WarcRecord ahead;
    private long aheadOffset;
    /** A row to give after the current one (the file's truncated-file row). */
    private SourceRecord queued;
    private long records;
    private boolean done;

    WarcSource(InputStream stream, IngestSplit split, RecordChecks checks, JusTextExtractor extractor, Reopen reopen)
            throws IOException {
        this.stream = stream;
        this.split = split;
        this.checks = checks;
        this.extractor = extractor;
        this.reopen = reopen;
        this.reader = new WarcReader(stream);
    }

    /**
     * Every record is read one ahead: jwarc finds a lying Content-Length only when the bytes after
     * the block are not the next record's header. When that happens the record is rejected as
     * {@link Reason#MALFORMED_RECORD}, and reading resumes at the next WARC header (or gzip member)
     * in the file, so one bad record costs that record, not the rest of the file. A file that ends
     * inside a record ends with one {@link Reason#TRUNCATED_FILE} row.
     */
    @Override
    public SourceRecord next() {
        if (queued != null) {
            SourceRecord q = queued;
            queued = null;
            return q;
        }
        if (done) {
            return null;
        }
        WarcRecord record;
        long offset;
        if (ahead != null) {
            record = ahead;
            offset = aheadOffset;
            ahead = null;
        } else {
            Optional<WarcRecord> first;
            try {
                first = reader.next();
            } catch (IOException | RuntimeException e) {
                // Not even the first record parses: look for a WARC header further on.
                if (resync(1)) {
                    return SourceRecord.rejected(split.name() + "@0", Reason.MALFORMED_RECORD,
                            "bytes 0 to " + aheadOffset + " are not a WARC record: " + e, null);
                }
                done = true;
                return SourceRecord.rejected(split.name(), Reason.UNREADABLE_FILE,
                        "cannot read " + split.name() + " as WARC: " + e, null);
            }
            if (first.isEmpty()) {
                done = true;
                return null;
            }
            record = first.get();
            offset = base + reader.position();
        }
        records++;
        String location = split.name() + "@" + offset;
        SourceRecord out;
        try {
            out = toRecord(record, location);
        } catch (java.io.EOFException e) {
            // The file ends inside this record's block: it is the truncation, not a bad record.
            done = true;
            return truncated("inside the " + record.type() + " record at byte " + offset, e);
        } catch (IOException | RuntimeException e) {
            out = SourceRecord.rejected(location, Reason.MALFORMED_RECORD, record.type() + " record cannot be parsed: " + e,
                    null);
        }
        try {
            Optional<WarcRecord> after = reader.next();
            if (after.isPresent()) {
                ahead = after.get();
                aheadOffset = base + reader.position();
            } else {
                done = true;
            }
        } catch (java.io.EOFException e) {
            done = true;
            queued = truncated("inside the " + record.type() + " record at byte " + offset, e);
        } catch (IOException | RuntimeException e) {
            // What follows this record's block is not a record: its Content-Length is wrong.
            if (resync(offset + 1)) {
                return SourceRecord.rejected(location, Reason.MALFORMED_RECORD, record.type()
                        + " record's Content-Length does not end where the next record starts (the next WARC header is"
                        + " at byte " + aheadOffset + "): " + e, null);
            }
            done = true;
            queued = truncated("after the " + record.type() + " record at byte " + offset, e);
        }
        return out;
    }

    private SourceRecord truncated(String where, Exception e) {
        return SourceRecord.rejected(split.name(), Reason.TRUNCATED_FILE,
                split.name() + " breaks off " + where + " (" + records + " records read): " + e, null);
    }

    /**
     * Finds the first WARC header (at a line start) or gzip member at or after {@code from} that
     * parses as a record, and reads on from there with a new reader; false when there is none.
     */
    private boolean resync(long from) {
        long at = from;
        while (true) {
            long candidate;
            try {
                candidate = nextCandidate(at);
            } catch (IOException | RuntimeException e) {
                return false;
            }
            if (candidate < 0) {
                return false;
            }
            try {
                InputStream in = reopen.at(candidate);
                WarcReader r = new WarcReader(in);
                Optional<WarcRecord> rec;
                try {
                    rec = r.next();
                } catch (IOException | RuntimeException e) {
                    r.close();
                    in.close();
                    at = candidate + 1;
                    continue;
                }
                if (rec.isEmpty()) {
                    r.close();
                    in.close();
                    return false;
                }
                closeQuietly();
                reader = r;
                stream = in;
                base = candidate;
                ahead = rec.get();
                aheadOffset = candidate + r.position();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** Offset of the next "WARC/1." at a line start, or gzip member header (1f 8b 08), at or after {@code from}; -1 if none. */
    private long nextCandidate(long from) throws IOException {
        try (InputStream in = reopen.at(from - 1)) {
            byte[] buf = new byte[1 << 16];
            long bufStart = from - 1;
            int carry = 0;
            int n;
            while ((n = in.read(buf, carry, buf.length - carry)) > 0) {
                int len = carry + n;
                for (int i = 0; i + WARC_LINE.length <= len; i++) {
                    if (buf[i] == 0x1F && buf[i + 1] == (byte) 0x8B && buf[i + 2] == 8 && bufStart + i >= from) {
                        return bufStart + i;
                    }
                    if (matches(buf, i)) {
                        return bufStart + i + 1;
                    }
                }
                // Keep the last bytes: a pattern may straddle two reads.
                carry = Math.min(len, WARC_LINE.length - 1);
                System.arraycopy(buf, len - carry, buf, 0, carry);
                bufStart += len - carry;
            }
            return -1;
        }
    }

    private static boolean matches(byte[] buf, int i) {
        for (int k = 0; k < WARC_LINE.length; k++) {
            if (buf[i + k] != WARC_LINE[k]) {
                return false;
            }
        }
        return true;
    }

    private void closeQuietly() {
        try {
            reader.close();
            stream.close();
        } catch (IOException e) {
            // the old reader is done with
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
            byte[] text = checks.utf8Text(bytes);
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
        byte[] text = extraction.text().getBytes(StandardCharsets.UTF_8);
        SourceRecord binary = checks.binaryProblem(text, location);
        return binary != null ? binary : SourceRecord.document(id(record), text, url, location);
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
