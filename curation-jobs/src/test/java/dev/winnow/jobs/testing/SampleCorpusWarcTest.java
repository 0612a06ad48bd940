package dev.winnow.jobs.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;

/** The committed sample crawl can be rebuilt from its HTML sources and holds what the sample README says. */
class SampleCorpusWarcTest {

    static final Path COMMITTED = Path.of("../conf/sample/crawl/crawl.warc.gz");
    static final Path HTML_DIR = SampleCorpusWarc.DEFAULT_HTML_DIR;

    private static final String REGENERATE = "; regenerate it with SampleCorpusWarc.main (see its javadoc)";

    @TempDir
    Path tmp;

    private Path rebuild() throws IOException {
        Path out = tmp.resolve("crawl.warc.gz");
        SampleCorpusWarc.write(HTML_DIR, out);
        return out;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void rebuiltWarcHasTheSameRecordsAsTheCommittedOne() throws IOException {
        assertTrue(Files.isRegularFile(COMMITTED), COMMITTED.toAbsolutePath() + " is missing" + REGENERATE);
        byte[] committed = gunzip(Files.readAllBytes(COMMITTED));
        byte[] rebuilt = gunzip(Files.readAllBytes(rebuild()));
        assertArrayEquals(rebuilt, committed, "the uncompressed records differ from the HTML sources" + REGENERATE);
    }

    @Test
    void rebuiltWarcIsByteIdenticalToTheCommittedOne() throws IOException {
        byte[] committed = Files.readAllBytes(COMMITTED);
        byte[] rebuilt = Files.readAllBytes(rebuild());
        if (!Arrays.equals(committed, rebuilt)) {
            // The records are deflated by the JDK's zlib; a different zlib (zlib-ng, say) gives other bytes for
            // the same records. Only a difference in the records themselves is a failure.
            boolean sameRecords = Arrays.equals(gunzip(committed), gunzip(rebuilt));
            assumeTrue(!sameRecords, "same records, compressed differently by this platform's zlib");
        }
        assertArrayEquals(committed, rebuilt, "committed crawl.warc.gz is out of date" + REGENERATE);
        // and writing it twice gives the same bytes
        assertArrayEquals(rebuilt, SampleCorpusWarc.fixture(HTML_DIR).toBytes(true));
    }

    @Test
    void committedWarcHasTheExpectedRecords() throws IOException {
        List<Path> pages = SampleCorpusWarc.pages(HTML_DIR);
        assertEquals(12, pages.size());
        Map<String, String> urlToPage = new LinkedHashMap<>();
        for (Path p : pages) {
            urlToPage.put(SampleCorpusWarc.canonicalUrl(p), p.getFileName().toString());
        }
        assertEquals(12, urlToPage.size(), "canonical URLs are unique");

        Map<String, Integer> counts = new TreeMap<>();
        List<String> responseUrls = new ArrayList<>();
        Map<String, String> responseTypes = new LinkedHashMap<>();
        String previousRequestUrl = null;
        int gzipResponses = 0;
        try (WarcReader reader = new WarcReader(COMMITTED)) {
            assertEquals(WarcCompression.GZIP, reader.compression());
            for (WarcRecord record : reader) {
                counts.merge(record.type(), 1, Integer::sum);
                if (record instanceof WarcRequest req) {
                    previousRequestUrl = req.target();
                } else if (record instanceof WarcResponse resp) {
                    String url = resp.target();
                    assertEquals(previousRequestUrl, url, "each response follows the request for its URL");
                    responseUrls.add(url);
                    HttpResponse http = resp.http();
                    assertEquals(200, http.status());
                    responseTypes.put(url, http.headers().first("Content-Type").orElseThrow());
                    byte[] payload = http.bodyDecoded().stream().readAllBytes();
                    String page = urlToPage.get(url);
                    if (page != null) {
                        assertArrayEquals(Files.readAllBytes(HTML_DIR.resolve(page)), payload, page);
                    }
                    if (http.headers().first("Content-Encoding").equals(Optional.of("gzip"))) {
                        gzipResponses++;
                        assertEquals(SampleCorpusWarc.GZIP_PAGE, page);
                    }
                    if (url.equals(SampleCorpusWarc.IMAGE_URL)) {
                        assertArrayEquals(WarcFixture.pngHeader(), payload);
                    }
                    if (url.equals(SampleCorpusWarc.ROBOTS_URL)) {
                        assertEquals(SampleCorpusWarc.ROBOTS_TXT, new String(payload, UTF_8));
                    }
                } else if (record instanceof WarcMetadata meta) {
                    assertEquals("https://example.org/news/2024/04/new-footbridge-opens", meta.target());
                    String fields = new String(meta.body().stream().readAllBytes(), UTF_8);
                    assertTrue(fields.contains("outlink: " + SampleCorpusWarc.IMAGE_URL), fields);
                }
            }
        }
        assertEquals(new TreeMap<>(SampleCorpusWarc.EXPECTED_COUNTS), counts);
        assertEquals(30, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(1, gzipResponses);
        assertEquals(14, responseUrls.size());
        assertTrue(responseUrls.containsAll(urlToPage.keySet()));
        assertEquals("text/plain; charset=utf-8", responseTypes.get(SampleCorpusWarc.ROBOTS_URL));
        assertEquals("image/png", responseTypes.get(SampleCorpusWarc.IMAGE_URL));
        assertEquals("text/html", responseTypes.get("https://exemple.fr/recettes/plats/soupe-a-l-oignon"));
        long utf8Html = responseTypes.values().stream().filter("text/html; charset=utf-8"::equals).count();
        assertEquals(11, utf8Html);

        // languages and sites of the pages, as the README lists them
        Map<String, Long> byPrefix = new TreeMap<>();
        for (String page : urlToPage.values()) {
            byPrefix.merge(page.substring(0, page.indexOf('-')), 1L, Long::sum);
        }
        assertEquals(Map.of("de", 2L, "en", 8L, "fr", 1L, "spam", 1L), byPrefix);
        for (Map.Entry<String, String> e : urlToPage.entrySet()) {
            String lang = e.getValue().startsWith("spam") ? "en" : e.getValue().substring(0, 2);
            String html = Files.readString(HTML_DIR.resolve(e.getValue()), UTF_8);
            assertTrue(html.contains("<html lang=\"" + lang + "\">"), e.getValue());
            for (String boilerplate : List.of("cookie-banner", "<nav", "<aside", "<footer", "\u00a9 2024")) {
                assertTrue(html.contains(boilerplate), e.getValue() + " lacks " + boilerplate);
            }
        }
    }
}
