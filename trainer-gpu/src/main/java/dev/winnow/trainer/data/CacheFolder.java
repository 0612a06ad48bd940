package dev.winnow.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Entries of the loader's cache (token stores, indices): each is built in a private temporary
 * folder and renamed into place, so a reader sees a whole entry or none, a crash leaves only a
 * temporary folder, and two ranks building the same entry at once both end up using one copy.
 */
public final class CacheFolder {
    /** Where an entry is built before it is renamed into place. */
    public static final String UNFINISHED_PREFIX = ".tmp-";
    /** The cache's default place: {@code loader-cache/} beside the blend folder. */
    public static final String BESIDE_BLEND = dev.winnow.blending.run.BlendInRun.LOADER_CACHE_FOLDER;

    /** {@code loader-cache/} beside {@code blendDir}: the cache when none is configured. */
    public static Path besideBlend(Path blendDir) {
        return blendDir.toAbsolutePath().normalize().resolveSibling(BESIDE_BLEND);
    }

    @FunctionalInterface
    public interface Builder {
        void build(Path emptyFolder) throws IOException;
    }

    private CacheFolder() {
    }

    /** {@code root/name}, built by {@code builder} unless it exists already. */
    public static Path entry(Path root, String name, Builder builder) {
        Path target = root.resolve(name);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path tmp = root.resolve(UNFINISHED_PREFIX + name + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            builder.build(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException raced) {
                // Another builder published first (rename onto a non-empty folder fails): use theirs.
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
                delete(tmp);
            }
            return target;
        } catch (IOException e) {
            delete(tmp);
            throw new UncheckedIOException("cannot build cache entry " + target, e);
        } catch (RuntimeException e) {
            delete(tmp);
            throw e;
        }
    }

    /** Deletes {@code dir} and everything under it (benchmarks start from an empty cache). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Bytes of every file under {@code dir}. */
    public static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
