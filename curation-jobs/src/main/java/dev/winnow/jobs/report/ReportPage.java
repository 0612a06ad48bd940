package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;

/** {@code index.html}: one self-contained page (its images beside it) with a section per part of the report. */
final class ReportPage {
    private ReportPage() {
    }

    static String html(JsonNode report) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Winnow run report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;")
                .append("margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}img{max-width:100%}</style></head><body>\n")
                .append("<h1>Winnow run report</h1>\n<p>Run: <code>").append(escape(report.get("run").asText())).append("</code></p>\n");
        JsonNode files = report.get("files");
        section(b, report, "funnel", "Funnel: documents and characters per stage and dataset", files);
        section(b, report, "reasons", "Rejection reasons, most frequent first", files);
        section(b, report, "decontamination", "Decontamination per task", files);
        section(b, report, "blend", "Blend", files);
        section(b, report, "run_facts", "Run facts", files);
        return b.append("</body></html>\n").toString();
    }

    private static void section(StringBuilder b, JsonNode report, String key, String title, JsonNode files) {
        if (!report.has(key)) {
            return;
        }
        b.append("<section id=\"").append(key).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
        if (files.has(key)) {
            b.append("<img src=\"").append(files.get(key).asText()).append("\" alt=\"").append(escape(title)).append("\">\n");
        }
        table(b, report.get(key));
        if (files.has(key + "_csv")) {
            b.append("<p><a href=\"").append(files.get(key + "_csv").asText()).append("\">CSV</a></p>\n");
        }
        b.append("</section>\n");
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
                        : v.asText())).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
