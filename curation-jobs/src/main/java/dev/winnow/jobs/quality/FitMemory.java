package dev.winnow.jobs.quality;

import dev.winnow.jobs.run.StageMemoryError;
import dev.winnow.quality.fasttext.FastTextTrainer;

import java.util.Locale;

/**
 * The quality fit's memory on the driver, and what a user is told when it is short. The fit holds
 * its weights, (words + bucket) × dim floats (800 MB at MT-NLG's bucket 2,000,000 and dim 100,
 * before the words), the training documents as tokens, and the held-out texts; Spark's default
 * driver heap (1 GB) is less than that.
 */
final class FitMemory {
    /** Where a user sets the driver's heap, by how Winnow is started. */
    static final String DRIVER_HEAP_SETTINGS = "spark-submit --driver-memory (spark.driver.memory); "
            + "WINNOW_DRIVER_OPTS=-Xmx... for bin/winnow run --master spark://...; WINNOW_JAVA_OPTS=-Xmx... for local runs";

    private FitMemory() {
    }

    /**
     * Fails before any work when the weights alone, without a single word, cannot fit the heap:
     * no sample could then be trained on.
     */
    static void requireRoomForWeights(FastTextTrainer.Settings settings, long maxHeap) {
        long weights = FastTextTrainer.weightBytes(0, settings);
        if (weights >= maxHeap) {
            throw new StageMemoryError(String.format(Locale.ROOT,
                    "quality: the model's weights alone, quality.train.bucket %,d x quality.train.dim %d floats = "
                            + "%,d MB, do not fit the driver's heap of %,d MB; give the driver more memory (%s), "
                            + "or lower quality.train.bucket", settings.bucket(), settings.dim(), weights >> 20,
                    maxHeap >> 20, DRIVER_HEAP_SETTINGS), null);
        }
    }

    /** The error for a fit of {@code documents} that ran out of heap: what it holds, and what to change. */
    static StageMemoryError shortOfMemory(OutOfMemoryError e, QualityParams params, int documents) {
        return new StageMemoryError(String.format(Locale.ROOT,
                "quality: the model fit on %,d documents ran out of driver memory (%s). It holds the weights, "
                        + "(words + quality.train.bucket %,d) x quality.train.dim %d floats, at least %,d MB, and "
                        + "the documents' tokens; give the driver more memory (%s), or lower quality.train.bucket "
                        + "or quality.train.max-docs (%,d per class)", documents, e.getMessage(),
                params.train().bucket(), params.train().dim(), FastTextTrainer.weightBytes(0, params.train()) >> 20,
                DRIVER_HEAP_SETTINGS, params.maxTrainDocs()), e);
    }
}
