package dev.winnow.jobs.quality;

import dev.winnow.quality.fasttext.FastTextScorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quality models loaded once per executor JVM, by local file (as Spark fetched it), for scoring
 * only: an executor holds the model's projected rows (16 MB at 2,000,000 buckets), not its input
 * matrix (800 MB), which Spark's memory manager would not know about.
 */
public final class QualityModels {
    private static final ConcurrentHashMap<String, FastTextScorer> LOADED = new ConcurrentHashMap<>();

    private QualityModels() {
    }

    public static FastTextScorer get(String localFile) {
        return LOADED.computeIfAbsent(localFile, f -> {
            try {
                return FastTextScorer.load(Path.of(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load quality model " + f, e);
            }
        });
    }
}
