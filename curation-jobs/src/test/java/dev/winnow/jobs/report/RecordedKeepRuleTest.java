package dev.winnow.jobs.report;

import dev.winnow.jobs.run.StageManifest;
import dev.winnow.quality.keep.ParetoKeepRule;
import dev.winnow.quality.keep.ThresholdKeepRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report draws the keep curve of the rule the quality stage ran with, not MT-NLG's regardless. */
class RecordedKeepRuleTest {
    private static StageManifest quality(Map<String, String> settings) {
        return new StageManifest("quality", 4, "h", "i", "o", 0, 0, 0, Map.of(), Map.of(), List.of(), null, 0,
                null, null, Map.of(), null, null, List.of(), settings);
    }

    @Test
    void theRuleIsTheOneTheManifestRecords() {
        assertEquals(new ParetoKeepRule(2.5, 7), StageSections.recordedKeepRule(quality(Map.of(
                "quality.keep", "\"pareto\"", "quality.alpha", "2.5", "quality.seed", "7", "quality.threshold", "0.5"))));
        assertEquals(new ThresholdKeepRule(0.7), StageSections.recordedKeepRule(quality(Map.of(
                "quality.keep", "\"threshold\"", "quality.alpha", "3", "quality.seed", "42", "quality.threshold", "0.7"))));
    }

    @Test
    void aManifestFromBeforeSettingsWereRecordedGetsMtNlgsRule() {
        assertEquals(ParetoKeepRule.DEFAULT_ALPHA, ((ParetoKeepRule) StageSections.recordedKeepRule(quality(null))).alpha());
    }
}
