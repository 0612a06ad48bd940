package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;

import java.nio.file.Path;

/**
 * A dataset's documents as one memory-mapped array of 16-bit token ids plus document offsets: the
 * random access that Megatron's indexed dataset ({@code .bin}/{@code .idx}) gives and Parquet does
 * not (a shuffled document index touches a different row group at every document). Built once per
 * blend by streaming the shards ({@link #build}); the trainer then never reads Parquet.
 */
public final class TokenStore implements DocumentLengths {
    static final String TOKENS = "tokens.u16";
    static final String OFFSETS = "offsets.i64";

    private final MappedFile tokens;
    private final MappedFile offsets;
    private final int documents;

    private TokenStore(MappedFile tokens, MappedFile offsets) {
        this.tokens = tokens;
        this.offsets = offsets;
        this.documents = (int) (offsets.bytes() / Long.BYTES - 1);
    }

    public static TokenStore open(Path dir) {
        return new TokenStore(MappedFile.open(dir.resolve(TOKENS)), MappedFile.open(dir.resolve(OFFSETS)));
    }

    /** Streams the dataset's shards in manifest order into {@code dir} (documents numbered in that order). */
    static void build(BlendFolder blend, String dataset, Path dir) {
        BlendManifest.Dataset d = blend.manifest().datasets().get(dataset);
        if (d.documents() >= Integer.MAX_VALUE) {
            throw new BlendException("dataset " + dataset + ": " + d.documents() + " documents, the index holds "
                    + "at most " + (Integer.MAX_VALUE - 1));
        }
        MappedFile tokens = MappedFile.create(dir.resolve(TOKENS), d.tokens() * Character.BYTES);
        MappedFile offsets = MappedFile.create(dir.resolve(OFFSETS), (d.documents() + 1) * Long.BYTES);
        long[] next = {0, 0}; // document, token
        for (BlendManifest.Shard shard : d.shards()) {
            ShardReader.read(blend, shard, (row, ids) -> {
                // The manifest's per-shard counts are checked after each shard; guard the mapping before.
                if (next[0] >= d.documents() || next[1] + ids.length() > d.tokens()) {
                    throw new BlendException("shard " + shard.path() + ": more rows or tokens than dataset "
                            + dataset + " declares (" + d.documents() + " documents, " + d.tokens() + " tokens)");
                }
                offsets.putLong(next[0]++, next[1]);
                for (int i = 0; i < ids.length(); i++) {
                    tokens.putU16(next[1]++, ids.ids()[i]);
                }
            });
        }
        offsets.putLong(next[0], next[1]);
        tokens.force();
        offsets.force();
    }

    @Override
    public int documents() {
        return documents;
    }

    @Override
    public int length(int document) {
        return (int) (offsets.getLong(document + 1L) - offsets.getLong(document));
    }

    /** Copies tokens {@code [from, from + n)} of {@code document} into {@code dst[at..]}. */
    public void copy(int document, int from, int[] dst, int at, int n) {
        long start = offsets.getLong(document) + from;
        for (int i = 0; i < n; i++) {
            dst[at + i] = tokens.getU16(start + i);
        }
    }
}
