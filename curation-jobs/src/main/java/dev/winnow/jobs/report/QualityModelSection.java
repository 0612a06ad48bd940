package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.QualityStage;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The quality section's {@code model}: which model scored the documents and, for one trained in
 * the run, its held-out evaluation (accuracy, precision, recall, F1, ROC AUC, calibration by
 * score band), read from the report the training wrote beside it. A reader judging the filter
 * needs to know how good the classifier was, not only what it kept.
 */
final class QualityModelSection {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String CALIBRATION = "calibration.";

    private QualityModelSection() {
    }

    static ObjectNode of(RunLayout layout, StageManifest m) throws IOException {
        ObjectNode out = F.objectNode();
        Map<String, String> files = m.files();
        if (files == null || !files.containsKey(QualityStage.MODEL_REPORT_FILE)) {
            String given = m.settings() == null ? "" : StageSections.unquoted(m.settings().getOrDefault("quality.model", ""));
            if (!given.isEmpty()) {
                out.put("file", given);
                out.put("evaluation", "none here: the model was given (quality.model), not trained in the run; "
                        + "bin/winnow quality eval judges any model");
            } else {
                out.put("file", "not recorded: the stage's manifest predates it");
            }
            return out;
        }
        out.put("file", files.get(QualityStage.MODEL_FILE));
        Path report = new Path(layout.root(), files.get(QualityStage.MODEL_REPORT_FILE));
        if (!layout.fs().exists(report)) {
            out.put("evaluation", "missing: " + report + " is gone");
            return out;
        }
        String text;
        try (FSDataInputStream in = layout.fs().open(report)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ArrayNode calibration = F.arrayNode();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2).trim();
            if (key.startsWith(CALIBRATION)) {
                // calibration.0.5-0.6: n=4 mean_score=0.500 positive_rate=0.750
                ObjectNode row = calibration.addObject().put("scores", key.substring(CALIBRATION.length()));
                for (String pair : value.split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        put(row, pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            } else {
                put(out, key, value);
            }
        }
        if (!calibration.isEmpty()) {
            out.set("calibration", calibration);
        }
        return out;
    }

    /** A number where the value is one (report.json's readers compare them), else the text. */
    private static void put(ObjectNode node, String key, String value) {
        if (value.matches("-?\\d+")) {
            node.put(key, Long.parseLong(value));
        } else if (value.matches("-?\\d*\\.\\d+([eE][-+]?\\d+)?")) {
            node.put(key, Double.parseDouble(value));
        } else {
            node.put(key, value);
        }
    }
}
