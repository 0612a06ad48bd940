package dev.winnow.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The entries of a loader cache and the blend each was built from: token stores
 * ({@code tokens-<first 24 hex of the manifest's SHA-256>/}), indices ({@code index-<key>/}, whose
 * {@code index.json} names the manifest's SHA-256 and the spec), and unfinished builds
 * ({@code .tmp-…}). A rebuilt blend leaves the entries of its old manifest behind; at the paper's
 * scale a token store holds two bytes per token, about 680 GB for 339B tokens.
 */
public final class CacheEntries {
    /** What an entry is. */
    public enum Kind { TOKENS, INDEX, UNFINISHED }

    /**
     * An entry: its folder, kind, the manifest SHA-256 it was built from (a 24-digit prefix for a
     * token store; null when unknown), what it holds, its bytes, and when a file in it was last written.
     */
    public record Entry(Path dir, Kind kind, String blend, String detail, long bytes, Instant lastWritten) {
        /** Built from the manifest whose SHA-256 is {@code manifestSha256}. */
        public boolean isFor(String manifestSha256) {
            return blend != null && manifestSha256.startsWith(blend);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheEntries() {
    }

    public static List<Entry> list(Path cacheRoot) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(cacheRoot)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(cacheRoot)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(BlendedSamples.TOKENS_PREFIX)) {
                    out.add(entry(dir, Kind.TOKENS, name.substring(BlendedSamples.TOKENS_PREFIX.length()), "token store"));
                } else if (name.startsWith(BlendIndex.INDEX_PREFIX)) {
                    out.add(index(dir));
                } else if (name.startsWith(CacheFolder.UNFINISHED_PREFIX)) {
                    out.add(entry(dir, Kind.UNFINISHED, null, "unfinished build (a crash, or a build in progress)"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the loader cache " + cacheRoot, e);
        }
        return out;
    }

    private static Entry index(Path dir) {
        try {
            JsonNode s = JSON.readTree(dir.resolve(BlendIndex.SUMMARY).toFile());
            String detail = String.format(Locale.ROOT, "index: seq-len %d, seed %d, %,d samples, %s",
                    s.path("seqLen").asInt(), s.path("seed").asLong(), s.path("samples").asLong(),
                    s.path("split").path("part").asText("ALL").toLowerCase(Locale.ROOT) + " documents");
            return entry(dir, Kind.INDEX, s.path("blend").asText(null), detail);
        } catch (IOException e) {
            return entry(dir, Kind.INDEX, null, "index without a readable " + BlendIndex.SUMMARY);
        }
    }

    private static Entry entry(Path dir, Kind kind, String blend, String detail) {
        long bytes = 0;
        Instant last = Instant.EPOCH;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.toList()) {
                Instant t = Files.getLastModifiedTime(f).toInstant();
                last = t.isAfter(last) ? t : last;
                if (Files.isRegularFile(f)) {
                    bytes += Files.size(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the loader cache entry " + dir, e);
        }
        return new Entry(dir, kind, blend, detail, bytes, last);
    }
}
