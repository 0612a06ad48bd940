package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A blend folder whose manifest has been checked against the contract ({@code docs/blend-shards.md}):
 * known format, a vocabulary that fits the 16-bit token store, effective weights summing to 1, shard
 * rows and tokens summing to their dataset's, every shard path inside the folder (no {@code ..}, no
 * absolute path, no symlink out) and present, and, per {@link ShardVerification}, every SHA-256.
 * Token ids are checked as shards are streamed ({@link ShardReader}).
 */
public final class BlendFolder {
    /** Effective weights are doubles written as JSON: allow rounding, nothing more. */
    static final double WEIGHT_SUM_TOLERANCE = 1e-6;
    /** The token store keeps ids in 16 bits. */
    static final int MAX_VOCAB = 1 << 16;

    private final Path dir;
    private final BlendManifest manifest;
    private final String manifestSha256;
    private final ShardVerification verification;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    private BlendFolder(Path dir, BlendManifest manifest, String manifestSha256, ShardVerification verification) {
        this.dir = dir;
        this.manifest = manifest;
        this.manifestSha256 = manifestSha256;
        this.verification = verification;
    }

    public static BlendFolder open(Path dir, ShardVerification verification) {
        Path real;
        byte[] json;
        try {
            real = dir.toRealPath();
            json = Files.readAllBytes(real.resolve(BlendManifest.FILE_NAME));
        } catch (IOException e) {
            throw new BlendException("blend " + dir + ": cannot read " + BlendManifest.FILE_NAME + " (" + e + ")", e);
        }
        BlendManifest manifest = parse(json);
        BlendFolder blend = new BlendFolder(real, manifest, Sha256.of(json), verification);
        blend.validate();
        if (verification == ShardVerification.UP_FRONT) {
            manifest.datasets().forEach((name, d) -> d.shards().forEach(blend::verify));
        }
        return blend;
    }

    private static BlendManifest parse(byte[] json) {
        try {
            return BlendManifest.fromJson(json);
        } catch (IOException e) {
            // BlendManifest's own checks (relative shard paths) arrive wrapped by Jackson.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getMessage();
            throw new BlendException(BlendManifest.FILE_NAME + ": " + why, e);
        }
    }

    private void validate() {
        BlendManifest m = manifest;
        if (!BlendManifest.FORMAT.equals(m.format())) {
            throw field("format", "'" + m.format() + "', this loader reads '" + BlendManifest.FORMAT + "'");
        }
        if (m.vocabSize() <= 0 || m.vocabSize() > MAX_VOCAB) {
            throw field("vocabSize", m.vocabSize() + ", must be in 1.." + MAX_VOCAB);
        }
        if (m.endOfDocument() < 0 || m.endOfDocument() >= m.vocabSize()) {
            throw field("endOfDocument", m.endOfDocument() + ", must be a token id below vocabSize " + m.vocabSize());
        }
        if (m.datasets().isEmpty()) {
            throw field("datasets", "none");
        }
        double sum = 0;
        for (Map.Entry<String, BlendManifest.Dataset> e : m.datasets().entrySet()) {
            String name = e.getKey();
            BlendManifest.Dataset d = e.getValue();
            double w = d.effectiveWeight();
            if (!(w >= 0 && w <= 1)) {
                throw field("datasets." + name + ".effectiveWeight", w + ", must be in [0, 1]");
            }
            sum += w;
            if (d.documents() <= 0 || d.tokens() <= 0) {
                throw field("datasets." + name, "documents " + d.documents() + " and tokens " + d.tokens()
                        + " must be positive");
            }
            long rows = 0;
            long tokens = 0;
            for (BlendManifest.Shard s : d.shards()) {
                rows += s.rows();
                tokens += s.tokens();
                shardFile(s);
                if (s.sha256() == null || !s.sha256().matches("[0-9a-f]{64}")) {
                    throw new BlendException("shard " + s.path() + ": sha256 '" + s.sha256() + "' is not 64 hex digits");
                }
            }
            if (rows != d.documents() || tokens != d.tokens()) {
                throw field("datasets." + name, "shards hold " + rows + " rows and " + tokens
                        + " tokens, the dataset says documents " + d.documents() + " and tokens " + d.tokens());
            }
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw field("datasets.*.effectiveWeight", "sum to " + sum + ", not 1");
        }
    }

    private static BlendException field(String field, String problem) {
        return new BlendException(BlendManifest.FILE_NAME + ": " + field + ": " + problem);
    }

    /** The shard's file, after checking that it exists and (symlinks resolved) stays inside the folder. */
    public Path shardFile(BlendManifest.Shard shard) {
        Path file = dir.resolve(shard.path()).normalize();
        if (!file.startsWith(dir)) {
            throw new BlendException("shard " + shard.path() + ": path leaves the blend folder " + dir);
        }
        if (!Files.exists(file)) {
            throw new BlendException("shard " + shard.path() + ": missing (no file " + file + ")");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new BlendException("shard " + shard.path() + ": cannot resolve " + file + " (" + e + ")", e);
        }
        if (!real.startsWith(dir)) {
            throw new BlendException("shard " + shard.path() + ": a symlink to " + real + ", outside the blend folder "
                    + dir);
        }
        return real;
    }

    /** Checks the shard's SHA-256 (once per shard and folder). */
    public void verify(BlendManifest.Shard shard) {
        if (verified.contains(shard.path())) {
            return;
        }
        String actual = Sha256.ofFile(shardFile(shard));
        if (!actual.equals(shard.sha256())) {
            throw new BlendException("shard " + shard.path() + ": SHA-256 mismatch, manifest says " + shard.sha256()
                    + ", file has " + actual);
        }
        verified.add(shard.path());
    }

    public Path dir() {
        return dir;
    }

    public BlendManifest manifest() {
        return manifest;
    }

    /** SHA-256 of manifest.json's bytes: it covers every shard's hash, so it identifies the blend's data. */
    public String manifestSha256() {
        return manifestSha256;
    }

    public ShardVerification verification() {
        return verification;
    }
}
