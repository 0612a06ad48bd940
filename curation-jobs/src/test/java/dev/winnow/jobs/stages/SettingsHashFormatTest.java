package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.dedup.Priorities;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.StageContext;
import dev.winnow.jobs.testing.SparkTestSession;
import dev.winnow.quality.lid.LanguageIdentifier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each stage's config hash is taken over the same text as before the manifest recorded settings
 * key by key (Winnow at 335c057): a change here reruns every stage of every run folder a user
 * already has. If a change is meant, it belongs in the release notes, and this test changes with it.
 */
class SettingsHashFormatTest {
    @Test
    void eachStageHashesTheTextEarlierVersionsHashed() {
        WinnowConfig c = WinnowConfig.load(Path.of("..", "conf", "local.conf").toAbsolutePath().normalize(), List.of());
        assertEquals(List.copyOf(StageCatalog.names()), c.stages(), "the sample config has every stage");
        String priorities = "\n" + Priorities.describe(c.datasets());
        Map<String, String> before = Map.of(
                "ingest", c.render("winnow.datasets") + c.render("winnow.ingest"),
                "clean", c.render("winnow.clean"),
                "language", c.render("winnow.language") + "\nmodel: " + LanguageIdentifier.shippedModel().source(),
                "quality", c.render("winnow.quality"),
                "exact-dedup", c.render("winnow.exact-dedup") + priorities,
                "fuzzy-dedup", c.render("winnow.fuzzy-dedup") + priorities,
                "blend", c.render("winnow.blend") + "\nspec " + BlendStage.spec(c) + "\ntokenizer " + dev.winnow.blending.Gpt2Tokenizer.NAME);
        SparkSession spark = SparkTestSession.get();
        RunLayout layout = new RunLayout(c.runDir(), spark.sparkContext().hadoopConfiguration());
        for (int i = 0; i < c.stages().size(); i++) {
            String name = c.stages().get(i);
            SettingsText text = StageCatalog.create(name).settings(new StageContext(spark, c, layout, i + 1, null));
            String expected = name.equals("decontaminate")
                    // the task examples' fingerprint is the stage's own; its place and prefix are what is fixed
                    ? c.render("winnow.decontaminate") + "\ntask examples " + text.shown().get("decontaminate.task-examples")
                    : before.get(name);
            assertEquals(expected, text.hashed(), name);
        }
    }
}
