package dev.winnow.trainer.cli;

import dev.winnow.blending.BlendManifest;
import dev.winnow.blending.run.Sizes;
import dev.winnow.trainer.data.BlendException;
import dev.winnow.trainer.data.CacheEntries;
import dev.winnow.trainer.data.CacheFolder;
import dev.winnow.trainer.data.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code winnow-train cache --blend DIR [--cache DIR] [--prune]}: the loader cache's entries and
 * the blend each was built from. A rebuilt blend leaves its old token store and indices behind,
 * and nothing else removes them; {@code --prune} deletes the entries of other manifests and
 * unfinished builds not written to for a day (a younger one may be another process's build in
 * progress).
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Lists the loader cache's token stores and indices and the blend manifest each was built "
                + "from; --prune deletes those of other manifests and unfinished builds older than a day (do not "
                + "prune a cache that several blends share: it would delete the others' entries).")
final class CacheCommand implements Runnable {
    static final Duration UNFINISHED_AGE = Duration.ofDays(1);

    @Option(names = "--blend", required = true, description = "Blend folder (its manifest.json decides what is current).")
    Path blend;

    @Option(names = "--cache", description = "Loader cache folder (default: loader-cache beside the blend folder).")
    Path cache;

    @Option(names = "--prune", description = "Delete the entries of other manifests and stale unfinished builds.")
    boolean prune;

    @Override
    public void run() {
        Path manifest = blend.resolve(BlendManifest.FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            throw new BlendException("blend " + blend + ": no " + BlendManifest.FILE_NAME);
        }
        String sha = Sha256.ofFile(manifest);
        Path root = cache != null ? cache : CacheFolder.besideBlend(blend);
        System.out.println("cache " + root + " for blend " + blend + " (manifest sha256 " + sha + ")");
        List<CacheEntries.Entry> entries = CacheEntries.list(root);
        long oldBytes = 0;
        int old = 0;
        for (CacheEntries.Entry e : entries) {
            boolean remove = removable(e, sha);
            System.out.printf(Locale.ROOT, "  %-32s %10s  %s%n", e.dir().getFileName(), Sizes.bytes(e.bytes()),
                    e.detail() + "; " + whose(e, sha) + (remove && prune ? ": deleted" : ""));
            if (remove) {
                old++;
                oldBytes += e.bytes();
                if (prune) {
                    CacheFolder.delete(e.dir());
                }
            }
        }
        if (entries.isEmpty()) {
            System.out.println("winnow-train cache: empty");
        } else if (old == 0) {
            System.out.println("winnow-train cache: every entry is this blend's");
        } else {
            System.out.println("winnow-train cache: " + old + " entr" + (old == 1 ? "y" : "ies") + " of other manifests "
                    + "or unfinished (" + Sizes.bytes(oldBytes) + ")" + (prune ? " deleted." : "; --prune deletes them."));
        }
    }

    private static boolean removable(CacheEntries.Entry e, String sha) {
        if (e.kind() == CacheEntries.Kind.UNFINISHED) {
            return Duration.between(e.lastWritten(), Instant.now()).compareTo(UNFINISHED_AGE) > 0;
        }
        return !e.isFor(sha);
    }

    private static String whose(CacheEntries.Entry e, String sha) {
        if (e.kind() == CacheEntries.Kind.UNFINISHED) {
            long hours = Duration.between(e.lastWritten(), Instant.now()).toHours();
            return "last written " + hours + " h ago" + (removable(e, sha) ? "" : ", kept (may be in progress)");
        }
        if (e.blend() == null) {
            return "of an unknown manifest";
        }
        return e.isFor(sha) ? "this blend's" : "another manifest's (" + e.blend().substring(0, Math.min(16, e.blend().length()))
                + "…)";
    }
}
