package dev.winnow.jobs.stages;

import dev.winnow.blending.BlendManifest;
import dev.winnow.blending.Gpt2Tokenizer;
import dev.winnow.jobs.blend.BlendShards;
import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blend stage in local[2]: shards, manifest, checksums, determinism, the unweighted policy. */
class BlendStageTest {
    @TempDir
    Path dir;

    private static final String[] WORDS = ("the river runs past a mill where the miller grinds corn for the "
            + "village bakers who sell bread at the Thursday market café naïve 1,400 metres").split(" ");

    private final Map<String, String> texts = new HashMap<>();

    private String config(String spec, String extra) throws IOException {
        Random random = new Random(5);
        StringBuilder datasets = new StringBuilder();
        for (String d : List.of("wiki", "web", "code")) {
            StringBuilder jsonl = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                StringBuilder t = new StringBuilder();
                int words = 20 + random.nextInt(200);
                for (int w = 0; w < words; w++) {
                    t.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                }
                texts.put(d + "/" + d + "-" + i, t.toString());
                jsonl.append("{\"id\":\"").append(d).append('-').append(i).append("\",\"text\":\"").append(t).append("\"}\n");
            }
            Files.writeString(dir.resolve(d + ".jsonl"), jsonl);
            datasets.append("{ name = ").append(d).append(", format = jsonl, path = \"").append(dir.resolve(d + ".jsonl")).append("\" }\n");
        }
        Path specFile = dir.resolve("spec.conf");
        Files.writeString(specFile, spec);
        return "winnow { datasets = [\n" + datasets + "]\n stages = [ingest, blend]\n blend { spec = \"" + specFile
                + "\", shard-tokens = 3000 }\n" + extra + "}\n";
    }

    private static List<StageManifest> run(String config, Path runDir) {
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Pipeline(SparkTestSession.get(), WinnowConfig.parse(config, List.of("run-dir=\"" + runDir + "\"")),
                StageCatalog::create, progress).run(null, null, progress);
    }

    private static final String SPEC = "blend { name = t, target-tokens = 50000, unweighted = error, datasets = ["
            + "{ name = wiki, weight = 0.5 }, { name = web, weight = 0.3 }, { name = code, weight = 0.2 }] }";

    @Test
    void shardsHoldEveryDocumentsTokensOnceAndTheManifestSaysSo() throws IOException {
        String config = config(SPEC, "");
        Path run = dir.resolve("run");
        StageManifest m = run(config, run).get(1);
        assertEquals(120, m.in());
        assertEquals(120, m.kept());
        BlendManifest manifest = BlendManifest.fromJson(Files.readAllBytes(run.resolve("blend/manifest.json")));
        assertEquals(Gpt2Tokenizer.VOCAB_SIZE, manifest.vocabSize());
        assertEquals(Gpt2Tokenizer.END_OF_DOCUMENT, manifest.endOfDocument());
        assertEquals(List.of("wiki", "web", "code"), new ArrayList<>(manifest.datasets().keySet()));

        Map<String, Integer> seen = new HashMap<>();
        for (var e : manifest.datasets().entrySet()) {
            BlendManifest.Dataset d = e.getValue();
            assertEquals(40, d.documents());
            assertEquals(d.effectiveWeight() * 50000 / d.tokens(), d.epochs(), 1e-9);
            assertTrue(d.shards().size() >= 2, e.getKey() + " has " + d.shards().size() + " shards");
            long rows = 0;
            long tokens = 0;
            for (BlendManifest.Shard s : d.shards()) {
                Path file = run.resolve("blend").resolve(s.path());
                assertEquals(s.sha256(), BlendShards.sha256(new org.apache.hadoop.fs.Path(file.toString()),
                        new org.apache.hadoop.conf.Configuration()), "checksum of " + s.path());
                List<Row> shardRows = SparkTestSession.get().read().parquet(file.toString()).collectAsList();
                assertEquals(List.of(BlendManifest.DOC_ID, BlendManifest.TOKENS),
                        Arrays.asList(shardRows.get(0).schema().fieldNames()));
                String previous = "";
                long shardTokens = 0;
                for (Row r : shardRows) {
                    String id = r.getString(0);
                    assertTrue(id.compareTo(previous) > 0, "rows ordered by doc_id");
                    previous = id;
                    List<Integer> ids = r.getList(1);
                    int[] expected = Gpt2Tokenizer.shared().encode(texts.get(id));
                    assertArrayEquals(expected, ids.stream().mapToInt(Integer::intValue).toArray(), id);
                    seen.merge(id, 1, Integer::sum);
                    shardTokens += ids.size();
                }
                assertEquals(s.rows(), shardRows.size());
                assertEquals(s.tokens(), shardTokens);
                rows += s.rows();
                tokens += s.tokens();
            }
            assertEquals(d.documents(), rows);
            assertEquals(d.tokens(), tokens);
        }
        assertEquals(120, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1), "every document in exactly one shard");

        // Again into another run folder: byte-identical shards and manifest.
        Path again = dir.resolve("again");
        run(config, again);
        for (var e : manifest.datasets().entrySet()) {
            for (BlendManifest.Shard s : e.getValue().shards()) {
                assertArrayEquals(Files.readAllBytes(run.resolve("blend").resolve(s.path())),
                        Files.readAllBytes(again.resolve("blend").resolve(s.path())), s.path());
            }
        }
        assertArrayEquals(Files.readAllBytes(run.resolve("blend/manifest.json")),
                Files.readAllBytes(again.resolve("blend/manifest.json")));
    }

    @Test
    void unweightedDatasetsAreAnErrorOrDroppedAsTheSpecSays() throws IOException {
        String twoOfThree = "datasets = [{ name = wiki, weight = 0.6 }, { name = web, weight = 0.4 }] }";
        ConfigError error = assertThrows(ConfigError.class, () -> run(config(
                "blend { target-tokens = 1e6, unweighted = error, " + twoOfThree, ""), dir.resolve("r1")));
        assertTrue(error.getMessage().contains("no weight for dataset 'code'"), error.getMessage());

        StageManifest m = run(config("blend { target-tokens = 1e6, unweighted = drop, " + twoOfThree, ""),
                dir.resolve("r2")).get(1);
        assertEquals(Map.of("unweighted-dataset", 40L), m.rejectedByReason());
        BlendManifest manifest = BlendManifest.fromJson(Files.readAllBytes(dir.resolve("r2/blend/manifest.json")));
        assertEquals(List.of("wiki", "web"), new ArrayList<>(manifest.datasets().keySet()));

        ConfigError unknown = assertThrows(ConfigError.class, () -> run(config(
                "blend { target-tokens = 1e6, datasets = [{ name = wiki, weight = 0.5 }, { name = books, weight = 0.5 }] }", ""),
                dir.resolve("r3")));
        assertTrue(unknown.getMessage().contains("weighs dataset 'books'"), unknown.getMessage());
    }
}
