package dev.winnow.jobs.quality;

import dev.winnow.jobs.run.StageMemoryError;
import dev.winnow.quality.fasttext.FastTextTrainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitMemoryTest {
    private static final FastTextTrainer.Settings MT_NLG = FastTextTrainer.Settings.DEFAULT; // bucket 2M, dim 100

    @Test
    void weightsThatCannotFitTheHeapFailBeforeAnyWork() {
        String m = assertThrows(StageMemoryError.class,
                () -> FitMemory.requireRoomForWeights(MT_NLG, 512L << 20)).getMessage();
        assertTrue(m.contains("quality.train.bucket 2,000,000 x quality.train.dim 100 floats = 762 MB"), m);
        assertTrue(m.contains("heap of 512 MB") && m.contains("--driver-memory") && m.contains("WINNOW_DRIVER_OPTS"), m);
        assertDoesNotThrow(() -> FitMemory.requireRoomForWeights(MT_NLG, 1L << 30));
    }

    @Test
    void aFitShortOfMemoryIsToldWhatItHeldAndWhatToChange() {
        QualityParams params = new QualityParams("", List.of("wiki"), List.of("web"), List.of(), "pareto", 3.0, 0.5,
                42, MT_NLG, 0, 0.1, 100_000);
        OutOfMemoryError cause = new OutOfMemoryError("Java heap space");
        StageMemoryError e = FitMemory.shortOfMemory(cause, params, 200_000);
        assertSame(cause, e.getCause());
        String m = e.getMessage();
        assertTrue(m.startsWith("quality: the model fit on 200,000 documents ran out of driver memory (Java heap space)"),
                m);
        assertTrue(m.contains("at least 762 MB") && m.contains("quality.train.max-docs (100,000 per class)"), m);
    }
}
