package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.testing.HeadlessBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Document text is shown as text: markup in rejected examples, quality examples, dedup cluster
 * excerpts, ids, details and dataset names is escaped in index.html, and (where Chromium is
 * installed) none of it runs or adds elements when a browser loads the page.
 */
class ReportEscapingTest {
    @TempDir
    Path dir;

    /** Each payload, if it ran, would set {@code data-pwned} on the body or change the title. */
    static final List<String> PAYLOADS = List.of(
            "<script>document.body.setAttribute('data-pwned','script')</script>",
            "</textarea><script>document.title='pwned'</script>",
            "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
            "'><img src=x onerror=document.body.setAttribute('data-pwned','img2')>",
            "</td></tr></table><svg onload=\"document.body.setAttribute('data-pwned','svg')\"></svg>",
            "</script><script>document.body.setAttribute('data-pwned','json')</script>",
            "<!-- <iframe srcdoc=\"<script>parent.document.title='pwned'</script>\"></iframe>",
            "<style>body{display:none}</style><a href=\"javascript:document.title='pwned'\">x</a>",
            "\u202e<b>reversed</b>&amp;&lt;script&gt;");

    @Test
    void markupInDocumentTextIsEscapedAndNeverRuns() throws IOException, InterruptedException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode report = f.objectNode();
        report.put("run", "/runs/<script>document.title='pwned'</script>");
        report.putObject("files");
        ArrayNode funnel = report.putArray("funnel");
        funnel.addObject().put("stage", "ingest").put("index", 1).put("dataset", PAYLOADS.get(2)).put("in", 2)
                .put("kept", 1).put("rejected", 1);
        ArrayNode examples = report.putArray("rejected_examples");
        ObjectNode quality = report.putObject("quality");
        ArrayNode qualityExamples = quality.putArray("examples");
        ArrayNode dedup = report.putArray("dedup");
        ArrayNode clusters = dedup.addObject().put("stage", "fuzzy-dedup").putArray("largest_clusters");
        ArrayNode fileErrors = report.putArray("file_errors");
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            examples.addObject().put("stage", "ingest").put("reason", "malformed-json").put("id", "d/" + p)
                    .put("dataset", "d").put("detail", p).put("excerpt", "text " + p);
            qualityExamples.addObject().put("at", "0." + i).put("id", p).put("excerpt", p);
            clusters.addObject().put("cluster", p).put("size", 2).put("excerpt", p);
            fileErrors.addObject().put("stage", "ingest").put("dataset", "d").put("file", p + ".jsonl")
                    .put("reason", "unreadable-file").put("error", p);
        }
        String html = ReportPage.html(report);

        // The page has exactly its own one script, and none of the payloads' tags or handlers.
        assertEquals(1, count(html, "<script"), "only the page's own load handler");
        for (String tag : List.of("<img src=x", "<svg", "<iframe", "<style>body{display", "<a href=\"javascript", "</textarea>",
                "<b>reversed", "<!--")) {
            assertFalse(html.contains(tag), tag);
        }
        assertTrue(html.contains("&lt;script&gt;document.body.setAttribute("));
        assertTrue(html.contains("&amp;amp;&amp;lt;script&amp;gt;"), "entities in the text are shown as typed");
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror="));

        Path page = dir.resolve("index.html");
        Files.writeString(page, html);
        Optional<String> dom = HeadlessBrowser.dumpDom(page);
        if (dom.isEmpty()) {
            System.out.println("report escaping browser check skipped: no chromium on the PATH");
            return;
        }
        String d = dom.get();
        assertTrue(d.contains("data-report-ready=\"yes\""), "the page's own script ran");
        assertFalse(java.util.regex.Pattern.compile("<body[^>]*data-pwned").matcher(d).find(), "a payload ran");
        assertTrue(d.contains("setAttribute('data-pwned','script')"), "the payloads are on the page, as text");
        assertTrue(d.contains("<title>Winnow run report</title>"), "title unchanged");
        assertFalse(d.contains("pwned</title>"));
        assertEquals(0, count(d, "<img"), "no element from document text");
        assertEquals(0, count(d, "<svg") + count(d, "<iframe") + count(d, "<textarea"));
        assertEquals(1, count(d, "<script"));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
