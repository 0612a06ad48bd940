package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.run.RunLayout;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code <run>/report/}: {@code report.json} (every figure), a CSV per table, the PNG
 * plots, and {@code index.html}, one page that shows them. Written under {@code pending/} and
 * renamed into place, so a reader never sees half a report.
 */
public final class ReportWriter {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportWriter() {
    }

    /** Builds and writes the report of the run in {@code layout}; returns the report folder. */
    public static Path write(SparkSession spark, RunLayout layout) throws IOException {
        ObjectNode report = ReportData.build(spark, layout);
        FileSystem fs = layout.fs();
        Path pending = layout.pendingRunFolder("report");
        fs.delete(pending, true);
        fs.mkdirs(pending);
        Map<String, String> images = new LinkedHashMap<>();
        if (report.get("funnel").size() > 0) {
            images.put("funnel", "funnel.png");
            write(fs, new Path(pending, "funnel.png"), Charts.funnel(report.get("funnel")));
        }
        if (report.has("blend")) {
            images.put("blend", "blend.png");
            write(fs, new Path(pending, "blend.png"), Charts.blend(report.get("blend")));
        }
        if (report.has("language")) {
            images.put("language", "language.png");
            write(fs, new Path(pending, "language.png"), Charts.language(report.get("language").get("languages")));
        }
        if (report.has("quality")) {
            images.put("quality", "quality.png");
            write(fs, new Path(pending, "quality.png"), Charts.quality(report.get("quality").get("histogram")));
        }
        if (report.has("dedup")) {
            images.put("dedup", "dedup.png");
            write(fs, new Path(pending, "dedup.png"), Charts.dedup(report.get("dedup")));
        }
        ObjectNode files = report.putObject("files");
        images.forEach(files::put);
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        report.fields().forEachRemaining(f -> tables(f.getKey(), f.getValue(), tables));
        for (var t : tables.entrySet()) {
            files.put(t.getKey() + "_csv", t.getKey() + ".csv");
            write(fs, new Path(pending, t.getKey() + ".csv"), csv(t.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        write(fs, new Path(pending, "report.json"), JSON.writeValueAsBytes(report));
        write(fs, new Path(pending, "index.html"), ReportPage.html(report).getBytes(StandardCharsets.UTF_8));
        Path done = layout.runFolder("report");
        fs.delete(done, true);
        if (!fs.rename(pending, done)) {
            throw new IOException("cannot rename " + pending + " to " + done);
        }
        layout.removePendingIfEmpty();
        return done;
    }

    /** Every table (array of flat objects) in the report, named by its path: quality_histogram, dedup_1_cluster_sizes. */
    private static void tables(String path, JsonNode node, Map<String, JsonNode> out) {
        if (node.isArray() && ReportPage.isTable(node) && !node.isEmpty()) {
            out.put(path, node);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                tables(path + "_" + i, node.get(i), out);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> tables(path + "_" + f.getKey(), f.getValue(), out));
        }
    }

    /** An array of flat objects as CSV: the union of their keys as the header, RFC 4180 quoting. */
    static String csv(JsonNode rows) {
        List<String> keys = new ArrayList<>();
        for (JsonNode r : rows) {
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
        }
        StringBuilder b = new StringBuilder(String.join(",", keys)).append('\n');
        for (JsonNode r : rows) {
            for (int i = 0; i < keys.size(); i++) {
                JsonNode v = r.get(keys.get(i));
                b.append(i == 0 ? "" : ",").append(v == null || v.isNull() ? "" : quote(v.asText()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }
}
