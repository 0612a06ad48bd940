package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;
import dev.winnow.trainer.bench.ShardWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes blends in tests the way the blend stage does (docs/blend-shards.md): Spark's shard schema,
 * snappy Parquet, one folder per dataset, and a manifest with rows, tokens and SHA-256 per shard.
 */
public final class TestBlend {
    /** A dataset to write: its weight and its documents split over {@code shards} files. */
    public record Spec(String name, double weight, List<int[]> documents, int shards) {
    }

    private TestBlend() {
    }

    /** Random documents of 1..maxLength tokens below 50256 (never the end-of-document id). */
    public static List<int[]> randomDocuments(long seed, int count, int maxLength) {
        Random r = new Random(seed);
        List<int[]> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] t = new int[1 + r.nextInt(maxLength)];
            for (int k = 0; k < t.length; k++) {
                t[k] = r.nextInt(50256);
            }
            docs.add(t);
        }
        return docs;
    }

    public static Path write(Path dir, double targetTokens, Spec... specs) throws IOException {
        Files.createDirectories(dir);
        Map<String, BlendManifest.Dataset> datasets = new LinkedHashMap<>();
        for (Spec spec : specs) {
            Files.createDirectories(dir.resolve(spec.name()));
            List<BlendManifest.Shard> shards = new ArrayList<>();
            long tokens = 0;
            for (int s = 0; s < spec.shards(); s++) {
                List<int[]> part = new ArrayList<>();
                for (int i = s; i < spec.documents().size(); i += spec.shards()) {
                    part.add(spec.documents().get(i));
                }
                String path = spec.name() + "/shard-" + String.format("%05d", s) + ".parquet";
                long shardTokens = writeShard(dir.resolve(path), spec.name(), part);
                shards.add(new BlendManifest.Shard(path, part.size(), shardTokens, Sha256.ofFile(dir.resolve(path))));
                tokens += shardTokens;
            }
            datasets.put(spec.name(), new BlendManifest.Dataset(spec.weight(), spec.weight(), spec.documents().size(),
                    tokens, spec.weight() * targetTokens / tokens, shards));
        }
        writeManifest(dir, new BlendManifest(BlendManifest.FORMAT, "gpt2-bpe (r50k_base)", 50257, 50256, "test",
                targetTokens, "test", datasets));
        return dir;
    }

    static long writeShard(Path file, String dataset, List<int[]> docs) throws IOException {
        return ShardWriter.write(file, dataset + "/", docs, 64L * 1024);
    }

    static void writeManifest(Path dir, BlendManifest manifest) throws IOException {
        Files.write(dir.resolve(BlendManifest.FILE_NAME), manifest.toJson());
    }

    static BlendManifest readManifest(Path dir) throws IOException {
        return BlendManifest.fromJson(Files.readAllBytes(dir.resolve(BlendManifest.FILE_NAME)));
    }
}
