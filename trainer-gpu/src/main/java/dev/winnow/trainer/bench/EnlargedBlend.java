package dev.winnow.trainer.bench;

import dev.winnow.blending.BlendManifest;
import dev.winnow.trainer.data.BlendFolder;
import dev.winnow.trainer.data.CacheFolder;
import dev.winnow.trainer.data.Sha256;
import dev.winnow.trainer.data.ShardReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real blend's documents repeated {@code copies} times into shards of about {@code shardTokens}
 * tokens, with a manifest as the blend stage writes one (target tokens scaled alike): real token
 * statistics at a size where Parquet's per-file costs no longer dominate a throughput figure.
 */
final class EnlargedBlend {
    private EnlargedBlend() {
    }

    static Path write(BlendFolder source, int copies, long shardTokens, Path dir) throws IOException {
        CacheFolder.delete(dir);
        Files.createDirectories(dir);
        BlendManifest m = source.manifest();
        Map<String, BlendManifest.Dataset> datasets = new LinkedHashMap<>();
        for (Map.Entry<String, BlendManifest.Dataset> e : m.datasets().entrySet()) {
            String name = e.getKey();
            List<int[]> docs = new ArrayList<>();
            for (BlendManifest.Shard s : e.getValue().shards()) {
                ShardReader.read(source, s, (row, ids) -> docs.add(Arrays.copyOf(ids.ids(), ids.length())));
            }
            Files.createDirectories(dir.resolve(name));
            List<BlendManifest.Shard> shards = new ArrayList<>();
            List<int[]> part = new ArrayList<>();
            long partTokens = 0;
            long tokens = 0;
            for (int c = 0; c < copies; c++) {
                for (int[] doc : docs) {
                    part.add(doc);
                    partTokens += doc.length;
                    boolean last = c == copies - 1 && doc == docs.get(docs.size() - 1);
                    if (partTokens >= shardTokens || last) {
                        String path = name + "/shard-" + String.format("%05d", shards.size()) + ".parquet";
                        ShardWriter.write(dir.resolve(path), name + "/" + shards.size() + "-", part, 128L << 20);
                        shards.add(new BlendManifest.Shard(path, part.size(), partTokens, Sha256.ofFile(dir.resolve(path))));
                        tokens += partTokens;
                        part = new ArrayList<>();
                        partTokens = 0;
                    }
                }
            }
            BlendManifest.Dataset d = e.getValue();
            datasets.put(name, new BlendManifest.Dataset(d.weight(), d.effectiveWeight(),
                    (long) docs.size() * copies, tokens, d.effectiveWeight() * m.targetTokens() * copies / tokens, shards));
        }
        BlendManifest enlarged = new BlendManifest(m.format(), m.tokenizer(), m.vocabSize(), m.endOfDocument(),
                m.blend() + "-x" + copies, m.targetTokens() * copies, m.configFingerprint(), datasets);
        Files.write(dir.resolve(BlendManifest.FILE_NAME), enlarged.toJson());
        return dir;
    }
}
