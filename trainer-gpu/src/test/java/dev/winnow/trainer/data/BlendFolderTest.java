package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The manifest and shard checks: each refusal with the error a user sees. */
class BlendFolderTest {
    @TempDir
    Path tmp;

    private Path blend() throws IOException {
        return TestBlend.write(tmp.resolve("blend"), 10_000,
                new TestBlend.Spec("web", 0.75, TestBlend.randomDocuments(1, 40, 50), 2),
                new TestBlend.Spec("books", 0.25, TestBlend.randomDocuments(2, 5, 300), 1));
    }

    private static String shardSha(Path blend, String path) throws IOException {
        for (BlendManifest.Dataset d : TestBlend.readManifest(blend).datasets().values()) {
            for (BlendManifest.Shard s : d.shards()) {
                if (s.path().equals(path)) {
                    return s.sha256();
                }
            }
        }
        throw new AssertionError(path);
    }

    private static String error(Path blend, ShardVerification verification) {
        return assertThrows(BlendException.class, () -> BlendFolder.open(blend, verification)).getMessage();
    }

    private static void editManifest(Path blend, String from, String to) throws IOException {
        Path m = blend.resolve(BlendManifest.FILE_NAME);
        String json = Files.readString(m, StandardCharsets.UTF_8);
        if (!json.contains(from)) {
            throw new AssertionError("manifest has no " + from);
        }
        Files.writeString(m, json.replace(from, to), StandardCharsets.UTF_8);
    }

    private static Path flipBit(Path file, int at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[at] ^= 1;
        return Files.write(file, bytes);
    }

    @Test
    void readsBackEveryDocumentInManifestOrder() throws IOException {
        Path dir = blend();
        BlendFolder blend = BlendFolder.open(dir, ShardVerification.UP_FRONT);
        List<int[]> docs = new ArrayList<>();
        for (BlendManifest.Shard s : blend.manifest().datasets().get("web").shards()) {
            ShardReader.read(blend, s, (row, ids) -> docs.add(Arrays.copyOf(ids.ids(), ids.length())));
        }
        List<int[]> written = TestBlend.randomDocuments(1, 40, 50);
        assertEquals(40, docs.size());
        assertArrayEquals(written.get(0), docs.get(0)); // shard 0 holds documents 0, 2, 4, …
        assertArrayEquals(written.get(2), docs.get(1));
        assertArrayEquals(written.get(1), docs.get(20)); // shard 1 holds 1, 3, 5, …
    }

    @Test
    void tamperedShardFailsTheUpFrontCheck() throws IOException {
        Path dir = blend();
        Path shard = flipBit(dir.resolve("web/shard-00001.parquet"), 1000);
        assertEquals("shard web/shard-00001.parquet: SHA-256 mismatch, manifest says "
                + shardSha(dir, "web/shard-00001.parquet") + ", file has " + Sha256.ofFile(shard),
                error(dir, ShardVerification.UP_FRONT));
    }

    @Test
    void tamperedShardFailsLazilyWhenStreamed() throws IOException {
        Path dir = blend();
        Path shard = flipBit(dir.resolve("books/shard-00000.parquet"), 100);
        BlendFolder blend = BlendFolder.open(dir, ShardVerification.LAZY); // opens: nothing hashed yet
        BlendManifest.Shard s = blend.manifest().datasets().get("books").shards().get(0);
        BlendException e = assertThrows(BlendException.class, () -> ShardReader.read(blend, s, (row, ids) -> { }));
        assertEquals("shard books/shard-00000.parquet: SHA-256 mismatch, manifest says " + s.sha256() + ", file has "
                + Sha256.ofFile(shard), e.getMessage());
    }

    @Test
    void missingShard() throws IOException {
        Path dir = blend();
        Files.delete(dir.resolve("web/shard-00000.parquet"));
        assertEquals("shard web/shard-00000.parquet: missing (no file " + dir.toRealPath().resolve("web/shard-00000.parquet")
                + ")", error(dir, ShardVerification.LAZY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"books/../../outside.parquet", "../books/shard-00000.parquet", "/etc/passwd",
            "C:\\\\shard.parquet"})
    void pathTraversalInTheManifest(String path) throws IOException {
        Path dir = blend();
        editManifest(dir, "\"books/shard-00000.parquet\"", "\"" + path + "\"");
        String asRead = path.replace("\\\\", "\\"); // the JSON escape
        assertEquals("manifest.json: dataset books: shard path '" + asRead + "' must be relative to the blend folder, "
                + "without '..'", error(dir, ShardVerification.LAZY));
    }

    @Test
    void symlinkOutOfTheBlendFolder() throws IOException {
        Path dir = blend();
        Path shard = dir.resolve("books/shard-00000.parquet");
        Path outside = Files.move(shard, tmp.resolve("outside.parquet"));
        Files.createSymbolicLink(shard, outside);
        assertEquals("shard books/shard-00000.parquet: a symlink to " + outside.toRealPath()
                + ", outside the blend folder " + dir.toRealPath(), error(dir, ShardVerification.LAZY));
    }

    @Test
    void truncatedParquet() throws IOException {
        Path dir = blend();
        Path shard = dir.resolve("books/shard-00000.parquet");
        String before = Sha256.ofFile(shard);
        byte[] bytes = Files.readAllBytes(shard);
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);
        Files.write(shard, truncated);
        // A writer that died mid-file and still hashed what it wrote: the hash matches, Parquet does not.
        editManifest(dir, before, Sha256.ofFile(shard));
        BlendFolder blend = BlendFolder.open(dir, ShardVerification.UP_FRONT);
        BlendManifest.Shard s = blend.manifest().datasets().get("books").shards().get(0);
        BlendException e = assertThrows(BlendException.class, () -> ShardReader.read(blend, s, (row, ids) -> { }));
        assertEquals("shard books/shard-00000.parquet: not readable as Parquet (" + shard.toRealPath()
                + " is not a Parquet file. Expected magic number at tail, but found "
                + Arrays.toString(Arrays.copyOfRange(truncated, truncated.length - 4, truncated.length)) + ")",
                e.getMessage());
    }

    @Test
    void tokenOutsideTheVocabulary() throws IOException {
        Path dir = tmp.resolve("bad");
        TestBlend.write(dir, 1000, new TestBlend.Spec("web", 1.0, List.of(new int[]{1, 2, 3, 50257, 4}), 1));
        BlendFolder blend = BlendFolder.open(dir, ShardVerification.UP_FRONT);
        BlendManifest.Shard s = blend.manifest().datasets().get("web").shards().get(0);
        BlendException e = assertThrows(BlendException.class, () -> ShardReader.read(blend, s, (row, ids) -> { }));
        assertEquals("shard web/shard-00000.parquet: row 0 token 3 is id 50257, outside the vocabulary [0, 50257)",
                e.getMessage());
    }

    @Test
    void weightsThatDoNotSumToOne() throws IOException {
        Path dir = blend();
        BlendManifest m = TestBlend.readManifest(dir);
        Map<String, BlendManifest.Dataset> datasets = new LinkedHashMap<>(m.datasets());
        BlendManifest.Dataset books = datasets.get("books");
        datasets.put("books", new BlendManifest.Dataset(0.2, 0.2, books.documents(), books.tokens(), books.epochs(),
                books.shards()));
        TestBlend.writeManifest(dir, new BlendManifest(m.format(), m.tokenizer(), m.vocabSize(), m.endOfDocument(),
                m.blend(), m.targetTokens(), m.configFingerprint(), datasets));
        assertEquals("manifest.json: datasets.*.effectiveWeight: sum to 0.95, not 1", error(dir, ShardVerification.LAZY));
    }

    @Test
    void shardCountsThatDisagreeWithTheDataset() throws IOException {
        Path dir = blend();
        editManifest(dir, "\"documents\" : 5,", "\"documents\" : 6,");
        assertEquals("manifest.json: datasets.books: shards hold 5 rows and "
                + TestBlend.readManifest(dir).datasets().get("books").tokens() + " tokens, the dataset says documents 6 "
                + "and tokens " + TestBlend.readManifest(dir).datasets().get("books").tokens(), error(dir, ShardVerification.LAZY));
    }
}
