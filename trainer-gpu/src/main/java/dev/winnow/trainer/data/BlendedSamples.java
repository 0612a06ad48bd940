package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The blend as the trainer sees it: blended sample {@code i} is {@code seqLen + 1} token ids, read
 * through the blending index, the dataset's shuffle and sample indices, and its token store, with
 * the end-of-document token after every document. Thread-safe (reads only).
 */
public final class BlendedSamples {
    /** A token store's cache entry: this, then the first 24 hex digits of the manifest's SHA-256. */
    public static final String TOKENS_PREFIX = "tokens-";

    private final BlendIndex index;
    private final TokenStore[] stores;
    private final int endOfDocument;

    BlendedSamples(BlendIndex index, TokenStore[] stores, int endOfDocument) {
        this.index = index;
        this.stores = stores;
        this.endOfDocument = endOfDocument;
    }

    /**
     * Opens the blend's token stores and indices under {@code cacheRoot}, building what is missing:
     * the token store once per blend ({@code tokens-<manifest hash>/}, the only step that reads
     * Parquet), the indices once per blend and spec ({@code index-<key>/}).
     */
    public static BlendedSamples open(BlendFolder blend, Path cacheRoot, IndexSpec spec) {
        BlendManifest m = blend.manifest();
        Path storeDir = CacheFolder.entry(cacheRoot, TOKENS_PREFIX + blend.manifestSha256().substring(0, 24), dir -> {
            for (String name : m.datasets().keySet()) {
                TokenStore.build(blend, name, Files.createDirectory(dir.resolve(name)));
            }
        });
        Map<String, TokenStore> stores = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        m.datasets().forEach((name, d) -> {
            stores.put(name, TokenStore.open(storeDir.resolve(name)));
            weights.put(name, d.effectiveWeight());
        });
        BlendIndex index = BlendIndex.openOrBuild(cacheRoot, blend.manifestSha256(), weights, stores, spec);
        return new BlendedSamples(index, stores.values().toArray(new TokenStore[0]), m.endOfDocument());
    }

    public BlendIndex index() {
        return index;
    }

    public long size() {
        return index.samples();
    }

    public int seqLen() {
        return index.seqLen();
    }

    public int endOfDocument() {
        return endOfDocument;
    }

    /** Fills {@code dst[0..seqLen]} with blended sample {@code i}. */
    public void read(long i, int[] dst) {
        if (i < 0 || i >= index.samples()) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + index.samples());
        }
        int d = index.dataset(i);
        DatasetIndex di = index.datasetIndex(d);
        TokenStore store = stores[d];
        int j = di.shuffled(index.datasetSample(i));
        long position = di.startPosition(j);
        int offset = di.startOffset(j);
        long endPosition = di.startPosition(j + 1L);
        int endOffset = di.startOffset(j + 1L);
        int at = 0;
        for (; position <= endPosition; position++, offset = 0) {
            int doc = di.document(position);
            int length = store.length(doc);
            int last = position == endPosition ? endOffset : length; // inclusive; offset == length is the EOD
            int fromStore = Math.min(last, length - 1) - offset + 1;
            if (fromStore > 0) {
                store.copy(doc, offset, dst, at, fromStore);
                at += fromStore;
            }
            if (last == length) {
                dst[at++] = endOfDocument;
            }
        }
        if (at != index.seqLen() + 1) {
            throw new IllegalStateException("sample " + i + " has " + at + " tokens, not " + (index.seqLen() + 1)
                    + ": the index at " + index.dir() + " does not match its token store");
        }
    }
}
