package dev.winnow.jobs.run;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dedup stages find the duplicates planted in the bundled sample (conf/sample/README.md). */
class SampleDedupTest {
    @TempDir
    Path dir;

    private Map<String, String> rejected(SparkSession spark, String stage) {
        return spark.read().parquet(dir.resolve("run/rejected/" + stage).toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("reason")));
    }

    @Test
    void plantedExactAndNearDuplicatesAreRejectedInFavourOfTheHigherPriorityCopy() {
        SparkSession spark = SparkTestSession.get();
        WinnowConfig config = WinnowConfig.load(Path.of("../conf/local.conf"),
                List.of("run-dir=\"" + dir.resolve("run") + "\"", "stages=[ingest, clean, exact-dedup, fuzzy-dedup]"));
        List<StageManifest> m = PipelineTest.run(spark, config, new ByteArrayOutputStream());
        assertEquals(4, m.size());

        Map<String, String> exact = rejected(spark, "exact-dedup");
        assertEquals("exact-dup:encyclopedia/enc-0003", exact.get("encyclopedia/enc-0009"));
        assertEquals("exact-dup:encyclopedia/enc-0013", exact.get("encyclopedia/enc-0028"));
        assertEquals(2, exact.keySet().stream().filter(id -> id.startsWith("encyclopedia/")).count(), exact.toString());

        Map<String, String> fuzzy = rejected(spark, "fuzzy-dedup");
        assertEquals("fuzzy-dup:encyclopedia/enc-0005", fuzzy.get("encyclopedia/enc-0019"));
        assertEquals("fuzzy-dup:encyclopedia/enc-0008", fuzzy.get("encyclopedia/enc-0024"));
        assertEquals("fuzzy-dup:encyclopedia/enc-0016", fuzzy.get("encyclopedia/enc-0032"));
        // Across datasets: the encyclopedia (priority 3) keeps its copy over the forum's (1).
        assertEquals("fuzzy-dup:encyclopedia/enc-0021", fuzzy.get("forum/post-0012"));
        assertEquals(3, fuzzy.keySet().stream().filter(id -> id.startsWith("encyclopedia/")).count(), fuzzy.toString());
        for (StageManifest s : m) {
            assertEquals(s.in(), s.kept() + s.rejected(), s.stage());
        }
        assertTrue(m.get(3).metrics().get("clusters") >= 4, m.get(3).metrics().toString());
    }
}
