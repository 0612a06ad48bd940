package dev.winnow.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end fixture: three datasets (0.5 / 0.3 / 0.2, long and short documents, one dataset
 * over two shards) written as Parquet, indexed for 1M samples of 16 tokens.
 */
final class ThreeDatasetBlend {
    static final int SEQ_LEN = 16;
    static final long SAMPLES = 1_000_000;
    static final long SEED = 1234;
    static final int END = 50256;
    static final TestBlend.Spec[] SPECS = {
            new TestBlend.Spec("web", 0.5, TestBlend.randomDocuments(11, 60, 80), 2),
            new TestBlend.Spec("books", 0.3, TestBlend.randomDocuments(12, 10, 400), 1),
            new TestBlend.Spec("forum", 0.2, TestBlend.randomDocuments(13, 5, 30), 1)};

    final Path dir;
    final Path cache;
    final BlendedSamples blend;
    /** Documents per dataset in token-store order (shard 0's rows, then shard 1's …). */
    final List<List<int[]>> storeOrder = new ArrayList<>();

    ThreeDatasetBlend(Path tmp) throws IOException {
        dir = TestBlend.write(tmp.resolve("blend"), (double) SAMPLES * SEQ_LEN, SPECS);
        cache = tmp.resolve("cache");
        for (TestBlend.Spec s : SPECS) {
            List<int[]> order = new ArrayList<>();
            for (int shard = 0; shard < s.shards(); shard++) {
                for (int i = shard; i < s.documents().size(); i += s.shards()) {
                    order.add(s.documents().get(i));
                }
            }
            storeOrder.add(order);
        }
        blend = open(cache, SEED);
    }

    BlendedSamples open(Path cacheRoot, long seed) {
        return BlendedSamples.open(BlendFolder.open(dir, ShardVerification.UP_FRONT), cacheRoot,
                new IndexSpec(SEQ_LEN, seed, SAMPLES));
    }
}
