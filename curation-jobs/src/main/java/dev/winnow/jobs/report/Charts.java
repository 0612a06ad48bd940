package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The report's plots as PNG bytes (JFreeChart, headless). */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Documents kept after each stage, stacked by dataset. */
    static byte[] funnel(JsonNode funnel) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (JsonNode r : funnel) {
            data.addValue(r.get("kept").asLong(), r.get("dataset").asText(), r.get("index").asInt() + " " + r.get("stage").asText());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Documents kept after each stage", "stage",
                "documents kept (rows)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return png(chart);
    }

    /** Per dataset: the blend's target weight, the weight after epoch caps, and its share of the data's tokens. */
    static byte[] blend(JsonNode blend) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (JsonNode r : blend) {
            String d = r.get("dataset").asText();
            data.addValue(r.get("weight").asDouble(), "target weight", d);
            data.addValue(r.get("effective_weight").asDouble(), "effective weight (epoch caps)", d);
            data.addValue(r.get("data_share").asDouble(), "share of the tokens in the data", d);
        }
        JFreeChart chart = ChartFactory.createBarChart("Blend: weights against the data", "dataset",
                "fraction of the training tokens (weights) or of the data (share)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return png(chart);
    }

    /** Documents per detected language (the 15 most frequent), kept and rejected. */
    static byte[] language(JsonNode languages) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int n = 0;
        for (JsonNode r : languages) {
            if (n++ == 15) {
                break;
            }
            data.addValue(r.get("kept").asLong(), "kept", r.get("lang").asText());
            data.addValue(r.get("rejected").asLong(), "rejected", r.get("lang").asText());
        }
        return png(ChartFactory.createStackedBarChart("Detected languages", "language (ISO 639-1)", "documents", data,
                PlotOrientation.VERTICAL, true, false, false));
    }

    /** Documents per quality-score tenth, by dataset (kept and rejected together). */
    static byte[] quality(JsonNode histogram) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (JsonNode r : histogram) {
            double from = r.get("score_from").asDouble();
            data.addValue(r.get("kept").asLong() + r.get("rejected").asLong(), r.get("dataset").asText(),
                    String.format(java.util.Locale.ROOT, "%.1f-%.1f", from, from + 0.1));
        }
        return png(ChartFactory.createBarChart("Quality scores by dataset", "P(high quality)", "documents", data,
                PlotOrientation.VERTICAL, true, false, false));
    }

    /** Clusters per cluster size, one series per dedup stage. */
    static byte[] dedup(JsonNode stages) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (JsonNode s : stages) {
            if (s.has("cluster_sizes")) {
                for (JsonNode r : s.get("cluster_sizes")) {
                    data.addValue(r.get("clusters").asLong(), s.get("stage").asText(), r.get("size").asText());
                }
            }
        }
        return png(ChartFactory.createBarChart("Duplicate clusters by size", "documents in the cluster", "clusters",
                data, PlotOrientation.VERTICAL, true, false, false));
    }

    private static byte[] png(JFreeChart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        return out.toByteArray();
    }
}
