package dev.winnow.jobs.quality;

import dev.winnow.quality.fasttext.FastTextModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** Quality models loaded once per executor JVM, by local file (as Spark fetched it). */
public final class QualityModels {
    private static final ConcurrentHashMap<String, FastTextModel> LOADED = new ConcurrentHashMap<>();

    private QualityModels() {
    }

    public static FastTextModel get(String localFile) {
        return LOADED.computeIfAbsent(localFile, f -> {
            try {
                return FastTextModel.load(Path.of(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load quality model " + f, e);
            }
        });
    }
}
