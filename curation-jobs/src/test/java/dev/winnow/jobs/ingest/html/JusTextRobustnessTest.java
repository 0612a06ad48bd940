package dev.winnow.jobs.ingest.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JusTextRobustnessTest {

    private static final JusTextExtractor X =
            new JusTextExtractor(JusTextParams.defaults(), Pages.CRAWL_LANGUAGES);

    private static final String PROSE =
            "The library on the corner of the square has been open for more than a hundred years, and"
                    + " in all that time it has never once closed its doors on a weekday, not even during the"
                    + " winter when the snow was so deep that the staff had to walk there from the station.";

    /** Invariants every result must satisfy, whatever the input. */
    private static void assertSane(Extraction e) {
        assertNotNull(e);
        assertNotNull(e.text());
        assertTrue(e.goodParagraphs() >= 0 && e.goodParagraphs() <= e.paragraphs(), e.toString());
        assertEquals(e.goodParagraphs() == 0, e.text().isEmpty(), e.toString());
        if (!e.text().isEmpty()) {
            assertEquals(e.goodParagraphs(), e.text().split("\n\n", -1).length, e.toString());
            assertFalse(e.text().startsWith(" ") || e.text().endsWith(" "), e.toString());
        }
        if (e.language() != null) {
            assertTrue(X.languages().contains(e.language()), e.language());
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   \n\t  ",
                "<html></html>",
                "<html><head><title>Only a title</title></head></html>",
                "<html><body></body></html>",
                "<!DOCTYPE html>",
                "<!-- just a comment -->",
                "<script>document.write('<p>' + 'the and of the' + '</p>')</script>"
                        + "<style>p::before { content: 'the and of the'; }</style>",
                "<head><script>var a = 1;</script><style>b{}</style></head><noscript>enable</noscript>",
                "<br><br><br><hr><hr>",
                "<p></p><div>   </div><p>&nbsp;</p>"
            })
    void nothingToExtract(String html) {
        Extraction e = X.extract(html);
        assertSane(e);
        assertEquals("", e.text());
        assertEquals(0, e.paragraphs());
        assertNull(e.language());
    }

    @Test
    void noBodyTagStillWorks() {
        Extraction e = X.extract("<p>" + PROSE + "</p>");
        assertEquals(PROSE, e.text());
        assertEquals("en", e.language());
        Extraction bare = X.extract(PROSE);
        assertEquals(PROSE, bare.text(), "plain text is a one-paragraph page");
    }

    @Test
    void deeplyNestedDivsFromString() {
        int depth = 50_000;
        StringBuilder sb = new StringBuilder(depth * 12 + PROSE.length());
        sb.append("<html><body>");
        sb.append("<div>".repeat(depth));
        sb.append("<p>").append(PROSE).append("</p>");
        sb.append("</div>".repeat(depth));
        sb.append("</body></html>");
        Extraction e =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> X.extract(sb.toString()));
        assertSane(e);
        assertEquals(PROSE, e.text());
    }

    @Test
    void deeplyNestedUnclosedInlineAndBlockTags() {
        for (String tag : List.of("div", "span", "b", "a href=x", "li", "table", "font")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                sb.append('<').append(tag).append('>');
                if (i % 1000 == 0) {
                    sb.append("word ");
                }
            }
            Extraction e =
                    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> X.extract(sb.toString()), tag);
            assertSane(e);
            assertEquals("", e.text(), tag);
        }
    }

    @Test
    void deeplyNestedDocumentBuiltInMemory() {
        // jsoup's parser caps nesting depth, but a caller may hand us a hand-built DOM: 100k levels
        // must not overflow the stack.
        // Built inside-out: appending below a deep node makes jsoup walk up to the root each time.
        Element cur = new Element("p").appendText(PROSE);
        for (int i = 0; i < 100_000; i++) {
            cur = new Element(i % 3 == 0 ? "div" : i % 3 == 1 ? "span" : "a").appendChild(cur);
        }
        Document doc = new Document("");
        doc.appendElement("html").appendElement("body").appendChild(cur);
        Extraction e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> X.extract(doc));
        assertSane(e);
        assertEquals(1, e.paragraphs());
        assertEquals("", e.text(), "all its text sits inside links");
    }

    @Test
    void hugePageFinishesQuickly() {
        String article = "<p>" + PROSE + "</p>\n";
        String nav = "<ul><li><a href=/a>Home</a></li><li><a href=/b>News</a></li></ul>\n";
        StringBuilder sb = new StringBuilder(5_200_000).append("<html><body>");
        while (sb.length() < 5_000_000) {
            sb.append(article).append(nav);
        }
        sb.append("</body></html>");
        String html = sb.toString();
        X.extract(html); // warm-up: the first call also pays for JIT and stop-list loading
        // Best of three, so a burst of load on a shared machine does not fail the build.
        long millis = Long.MAX_VALUE;
        Extraction e = null;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            e = X.extract(html);
            millis = Math.min(millis, (System.nanoTime() - start) / 1_000_000);
        }
        assertSane(e);
        int copies = e.goodParagraphs();
        assertTrue(copies > 10_000, "article copies kept: " + copies);
        assertEquals(copies * 3, e.paragraphs(), "1 article + 2 nav items per copy");
        // Typically a few hundred ms on a laptop; the bound is loose for shared CI machines.
        assertTrue(millis < 5_000, "5 MB page took " + millis + " ms");
    }

    @Test
    void hugeSingleTextNode() {
        String blob = "a".repeat(3_000_000);
        Extraction e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> X.extract(blob));
        assertSane(e);
        assertEquals(1, e.paragraphs());
        // No stop-word list fits one 3M-letter "word", so the page is judged without stop words
        // and its one long, link-free paragraph is kept; junk like this is the quality stage's job.
        assertEquals(blob.length(), e.text().length());
    }

    @Test
    void controlCharactersAndBrokenUnicode() {
        String html =
                "<p>\u0000\u0001 the\uD800 and \uDFFF of\u0007 " + PROSE + "\uFFFE\uFFFF</p>"
                        + "<p>\u202Eright-to-left override \u200D\u200C</p>";
        Extraction e = X.extract(html);
        assertSane(e);
        assertTrue(e.text().contains(PROSE), e.text());
        assertFalse(e.text().contains("\u0000"));
        assertFalse(e.text().contains("\u0007"));
    }

    @Test
    void malformedMarkup() {
        List<String> inputs =
                List.of(
                        "<p>" + PROSE,
                        "<<<>>><p<p>>" + PROSE + "</p</p>",
                        "<div><p>" + PROSE + "</div></span></a></table>",
                        "</p></div></body></html>" + PROSE,
                        "<table><td>" + PROSE + "<tr><p>x</table>",
                        "<a href='unterminated>" + PROSE,
                        "<p>" + PROSE + "<!-- unterminated comment",
                        "<script>" + PROSE,
                        "<![CDATA[" + PROSE + "]]>",
                        "<?xml version='1.0'?><p>" + PROSE + "</p>",
                        "<svg><p>" + PROSE + "</p></svg>",
                        "<math><mi>x</mi></math><p>" + PROSE + "</p>");
        for (String html : inputs) {
            assertSane(X.extract(html));
        }
        assertEquals(PROSE, X.extract(inputs.get(0)).text());
        assertEquals(PROSE, X.extract(inputs.get(2)).text());
        assertEquals(PROSE, X.extract(inputs.get(3)).text());
        assertEquals("", X.extract(inputs.get(7)).text(), "unterminated script swallows the rest");
    }

    @Test
    void randomMarkupNeverThrows() {
        String[] pieces = {
            "<p>", "</p>", "<div>", "</div>", "<a href=x>", "</a>", "<br>", "<h2>", "</h2>", "<li>",
            "<ul>", "</ul>", "<table>", "<td>", "<tr>", "<select>", "<option>", "<script>", "</script>",
            "<style>", "</style>", "<!--", "-->", "<b>", "</b>", "&copy;", "&amp;", "&nbsp;", "&#0;",
            "&#xD800;", "©", " ", "\n", "\t", "the ", "and ", "of ", "der ", "und ", "le ", "la ",
            "word ", "Привет ", "и ", "日本語", "😀", "'", "’", "\"", "<", ">", "=", "/", "\u0000",
            "\uD800", "\uDC00", PROSE
        };
        Random random = new Random(20240611L);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(200);
            for (int i = 0; i < n; i++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String html = sb.toString();
            try {
                assertSane(X.extract(html));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("round " + round + " input: " + html, e);
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7L);
        for (int round = 0; round < 300; round++) {
            char[] chars = new char[random.nextInt(5_000)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) random.nextInt(0x10000);
            }
            assertSane(X.extract(new String(chars)));
        }
    }

    @Test
    void concurrentUseGivesSameResults() throws Exception {
        List<String> pages = List.of(Pages.english(), Pages.german(), Pages.french());
        List<Extraction> expected = pages.stream().map(X::extract).toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int k = i % pages.size();
                tasks.add(() -> X.extract(pages.get(k)).equals(expected.get(k)));
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
