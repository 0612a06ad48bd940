package dev.winnow.jobs.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the bundled sample crawl, {@code conf/sample/crawl/crawl.warc.gz}, from the HTML pages in
 * {@code curation-jobs/src/test/resources/sample-crawl/}, deterministically (see {@link WarcFixture}).
 *
 * <p>Records, in order:
 * <ol>
 *   <li>a {@code warcinfo} record;</li>
 *   <li>a request and a {@code text/plain} response for {@value #ROBOTS_URL};</li>
 *   <li>for each {@code *.html} file, sorted by name: a request and a {@code text/html} response for the URL in the
 *       page's {@code <link rel="canonical">}; the response for {@value #GZIP_PAGE} has a
 *       {@code Content-Encoding: gzip} body, the one for {@value #NO_CHARSET_PAGE} a {@code Content-Type}
 *       without charset (the page declares it in a {@code <meta charset>}), all others
 *       {@code text/html; charset=utf-8};</li>
 *   <li>right after the {@value #METADATA_PAGE} response: a {@code metadata} record about that page, then a request
 *       and an {@code image/png} response for {@value #IMAGE_URL}, the image the page embeds.</li>
 * </ol>
 *
 * <p>Regenerate the committed file after editing a page (working directory {@code curation-jobs}):
 * {@code java -cp <test classes and classpath> dev.winnow.jobs.testing.SampleCorpusWarc}; {@code SampleCorpusWarcTest}
 * fails until the committed file matches.
 */
public final class SampleCorpusWarc {

    /** Default location of the HTML sources, relative to the {@code curation-jobs} module. */
    public static final Path DEFAULT_HTML_DIR = Paths.get("src/test/resources/sample-crawl");
    /** Default output, relative to the {@code curation-jobs} module. */
    public static final Path DEFAULT_OUT = Paths.get("../conf/sample/crawl/crawl.warc.gz");

    public static final String SEED = "winnow-sample-crawl";
    public static final String SOFTWARE = "winnow-sample-crawl/1.0 (dev.winnow.jobs.testing.SampleCorpusWarc)";

    public static final String ROBOTS_URL = "https://example.org/robots.txt";
    public static final String IMAGE_URL = "https://example.org/images/footbridge.png";
    /** Served with {@code Content-Encoding: gzip}. */
    public static final String GZIP_PAGE = "en-05-prune-apple-trees.html";
    /** Served as plain {@code text/html}, charset only in the document. */
    public static final String NO_CHARSET_PAGE = "fr-01-soupe-oignon.html";
    /** Followed by the metadata record and the image it embeds. */
    public static final String METADATA_PAGE = "en-01-footbridge.html";

    /** Records by WARC-Type in the built file, for 12 pages. */
    public static final Map<String, Integer> EXPECTED_COUNTS =
            Map.of("warcinfo", 1, "request", 14, "response", 14, "metadata", 1);

    static final String ROBOTS_TXT = """
            # robots.txt for example.org
            User-agent: *
            Disallow: /search
            Disallow: /admin/
            Allow: /

            User-agent: BadBot
            Disallow: /

            Sitemap: https://example.org/sitemap.xml
            """;

    private static final Pattern CANONICAL =
            Pattern.compile("<link\\s+rel=\"canonical\"\\s+href=\"([^\"]+)\"\\s*/?>", Pattern.CASE_INSENSITIVE);

    private SampleCorpusWarc() {
    }

    /** The HTML files of {@code htmlDir}, sorted by file name. */
    public static List<Path> pages(Path htmlDir) throws IOException {
        try (Stream<Path> files = Files.list(htmlDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".html"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .collect(Collectors.toList());
        }
    }

    /** The URL a page is served under: its {@code <link rel="canonical" href>}. */
    public static String canonicalUrl(Path page) throws IOException {
        Matcher m = CANONICAL.matcher(Files.readString(page, UTF_8));
        if (!m.find()) {
            throw new IOException(page + " has no <link rel=\"canonical\" href=\"...\">");
        }
        return m.group(1);
    }

    /** The sample crawl as a fixture. */
    public static WarcFixture fixture(Path htmlDir) throws IOException {
        WarcFixture warc = new WarcFixture(SEED).warcinfo(SOFTWARE);
        warc.request(ROBOTS_URL).response(ROBOTS_URL, "text/plain; charset=utf-8", ROBOTS_TXT.getBytes(UTF_8));
        for (Path page : pages(htmlDir)) {
            String name = page.getFileName().toString();
            String url = canonicalUrl(page);
            byte[] html = Files.readAllBytes(page);
            warc.request(url);
            if (name.equals(GZIP_PAGE)) {
                // stored-block gzip: the same bytes whatever the platform's zlib
                byte[] gz = WarcFixture.gzipStored(html);
                warc.rawResponse(url, "HTTP/1.1 200 OK\r\n"
                        + "Date: " + warc.nextHttpDate() + "\r\n"
                        + "Server: Apache\r\n"
                        + "Content-Type: text/html; charset=utf-8\r\n"
                        + "Content-Encoding: gzip\r\n"
                        + "Vary: Accept-Encoding\r\n"
                        + "Content-Length: " + gz.length + "\r\n"
                        + "Cache-Control: max-age=3600\r\n", gz);
            } else if (name.equals(NO_CHARSET_PAGE)) {
                warc.response(url, "text/html", html);
            } else {
                warc.response(url, "text/html; charset=utf-8", html);
            }
            if (name.equals(METADATA_PAGE)) {
                warc.metadata(url, "via: https://example.org/news/\n"
                        + "hopsFromSeed: L\n"
                        + "fetchTimeMs: 212\n"
                        + "charset-detected: UTF-8\n"
                        + "outlink: " + IMAGE_URL + " E =EMBED_MISC\n"
                        + "outlink: https://example.org/news/ L a/@href\n");
                warc.request(IMAGE_URL).response(IMAGE_URL, "image/png", WarcFixture.pngHeader());
            }
        }
        return warc;
    }

    /** Writes the sample crawl built from {@code htmlDir} to {@code out} (gzip per record). */
    public static void write(Path htmlDir, Path out) throws IOException {
        fixture(htmlDir).write(out, true);
    }

    /** {@code [htmlDir [out]]}, defaults relative to the {@code curation-jobs} module. */
    public static void main(String[] args) throws IOException {
        Path htmlDir = args.length > 0 ? Paths.get(args[0]) : DEFAULT_HTML_DIR;
        Path out = args.length > 1 ? Paths.get(args[1]) : DEFAULT_OUT;
        WarcFixture warc = fixture(htmlDir);
        warc.write(out, true);
        System.out.println("wrote " + out.toAbsolutePath().normalize() + ": " + warc.size() + " records, "
                + Files.size(out) + " bytes");
    }
}
