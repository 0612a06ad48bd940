package dev.winnow.jobs.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.QualityStage;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality section's model: trained in the run (with its evaluation), given, or not recorded. */
class QualityModelSectionTest {
    @TempDir
    Path run;

    private static StageManifest quality(Map<String, String> settings, Map<String, String> files) {
        return new StageManifest("quality", 4, "c", "i", "o", 1, 1, 0, Map.of(), Map.of(), List.of(), null, 0, null,
                null, Map.of(), null, null, List.of(), settings, files);
    }

    private ObjectNode section(StageManifest m) throws IOException {
        return QualityModelSection.of(new RunLayout(run.toString(), new Configuration()), m);
    }

    @Test
    void aModelTrainedInTheRunComesWithItsHeldOutEvaluation() throws IOException {
        Files.createDirectories(run.resolve("models"));
        Files.writeString(run.resolve("models/quality-ab.eval.txt"), String.join("\n", "held_out: 24",
                "threshold: 0.50", "roc_auc: 0.9712", "confusion: tp=11 fp=1 tn=11 fn=1",
                "calibration.0.9-1.0: n=12 mean_score=0.961 positive_rate=0.917", ""));
        ObjectNode s = section(quality(Map.of(), Map.of(QualityStage.MODEL_FILE, "models/quality-ab.bin",
                QualityStage.MODEL_REPORT_FILE, "models/quality-ab.eval.txt")));
        assertEquals("models/quality-ab.bin", s.get("file").asText());
        assertEquals(24, s.get("held_out").asLong());
        assertTrue(s.get("held_out").isIntegralNumber() && s.get("roc_auc").isDouble(), s.toString());
        assertEquals(0.9712, s.get("roc_auc").asDouble(), 0);
        assertEquals("tp=11 fp=1 tn=11 fn=1", s.get("confusion").asText());
        assertEquals("{\"scores\":\"0.9-1.0\",\"n\":12,\"mean_score\":0.961,\"positive_rate\":0.917}",
                s.get("calibration").get(0).toString());

        Files.delete(run.resolve("models/quality-ab.eval.txt"));
        ObjectNode gone = section(quality(Map.of(), Map.of(QualityStage.MODEL_FILE, "models/quality-ab.bin",
                QualityStage.MODEL_REPORT_FILE, "models/quality-ab.eval.txt")));
        assertTrue(gone.get("evaluation").asText().startsWith("missing: "), gone.toString());
    }

    @Test
    void aGivenModelIsNamedAndAnOlderManifestSaysSo() throws IOException {
        ObjectNode given = section(quality(Map.of("quality.model", "\"/models/cc-quality.bin\""), null));
        assertEquals("/models/cc-quality.bin", given.get("file").asText());
        assertTrue(given.get("evaluation").asText().startsWith("none here: the model was given"), given.toString());
        ObjectNode older = section(quality(null, null));
        assertEquals("not recorded: the stage's manifest predates it", older.get("file").asText());
    }
}
