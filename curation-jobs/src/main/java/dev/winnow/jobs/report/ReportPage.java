package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;

/** {@code index.html}: one self-contained page (its images beside it) with a section per part of the report. */
final class ReportPage {
    private ReportPage() {
    }

    /** The sections, in page order, with their titles. */
    static final String[][] SECTIONS = {
        {"stale_stages", "Stage folders left out: not part of the run's current output (winnow prune --run DIR deletes them)"},
        {"funnel", "Funnel: documents and characters per stage and dataset"},
        {"reasons", "Rejection reasons, most frequent first"},
        {"file_errors", "Files that could not be read in full: unreadable, cut short or empty"},
        {"rejected_examples", "Rejected documents: one of each reason"},
        {"language", "Language"},
        {"quality", "Quality"},
        {"dedup", "Deduplication"},
        {"decontamination", "Decontamination per task"},
        {"blend", "Blend"},
        {"run_facts", "Run facts"},
        {"settings", "Settings each stage ran with"},
        {"report_ms", "Time to make this report, per part (ms)"},
    };

    static String html(JsonNode report) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Winnow run report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;")
                .append("margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;vertical-align:top}")
                .append("td:first-child,th:first-child{text-align:left}img{max-width:100%}</style></head><body>\n")
                .append("<h1>Winnow run report</h1>\n<p>Run: <code>").append(escape(report.get("run").asText())).append("</code></p>\n");
        JsonNode files = report.get("files");
        for (String[] s : SECTIONS) {
            if (!report.has(s[0])) {
                continue;
            }
            b.append("<section id=\"").append(s[0]).append("\">\n<h2>").append(escape(s[1])).append("</h2>\n");
            if (files.has(s[0])) {
                b.append("<img src=\"").append(files.get(s[0]).asText()).append("\" alt=\"").append(escape(s[1])).append("\">\n");
            }
            render(b, report.get(s[0]));
            files.fields().forEachRemaining(f -> {
                if (f.getKey().startsWith(s[0]) && f.getValue().asText().endsWith(".csv")) {
                    b.append("<a href=\"").append(f.getValue().asText()).append("\">").append(f.getValue().asText()).append("</a> ");
                }
            });
            b.append("\n</section>\n");
        }
        // Marks each image loaded or not once the page has loaded, so a headless browser's DOM dump
        // can check the page as a reader sees it (SampleRunTest).
        b.append("<script>window.addEventListener('load',function(){document.querySelectorAll('img').forEach(")
                .append("function(i){i.setAttribute('data-loaded',i.complete&&i.naturalWidth>0?'yes':'no');});")
                .append("document.body.setAttribute('data-report-ready','yes');});</script>\n");
        return b.append("</body></html>\n").toString();
    }

    /** A table for an array of flat objects; headings and recursion for anything nested. */
    private static void render(StringBuilder b, JsonNode node) {
        if (node.isArray() && isTable(node)) {
            table(b, node);
        } else if (node.isArray()) {
            node.forEach(n -> render(b, n));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isValueNode()) {
                    b.append("<p><b>").append(escape(f.getKey())).append("</b>: ").append(escape(f.getValue().asText())).append("</p>\n");
                } else {
                    b.append("<h3>").append(escape(f.getKey().replace('_', ' '))).append("</h3>\n");
                    render(b, f.getValue());
                }
            });
        }
    }

    /** An array whose elements are objects of plain values (or small objects, shown as text). */
    static boolean isTable(JsonNode array) {
        for (JsonNode r : array) {
            if (!r.isObject()) {
                return false;
            }
            for (Iterator<JsonNode> it = r.elements(); it.hasNext(); ) {
                JsonNode v = it.next();
                if (v.isArray()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void table(StringBuilder b, JsonNode rows) {
        if (rows.isEmpty()) {
            b.append("<p>(none)</p>\n");
            return;
        }
        List<String> keys = new java.util.ArrayList<>();
        for (Iterator<String> it = rows.get(0).fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        b.append("<table><tr>");
        keys.forEach(k -> b.append("<th>").append(escape(k)).append("</th>"));
        b.append("</tr>\n");
        for (JsonNode r : rows) {
            b.append("<tr>");
            for (String k : keys) {
                JsonNode v = r.get(k);
                b.append("<td>").append(v == null ? "" : escape(v.isDouble() ? String.format(java.util.Locale.ROOT, "%.4f", v.asDouble())
                        : v.isObject() ? v.toString() : v.asText())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
