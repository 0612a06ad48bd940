package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastTextScorerTest {
    @TempDir
    Path dir;

    /** Streaming the input matrix past the output layer gives the loaded model's predictions, bit for bit. */
    @Test
    void aScorerReadFromTheFilePredictsAsTheWholeModel() throws IOException {
        // dim 37: rows straddle the stream's reads; 300,001 buckets: the matrix is five chunks
        FastTextModel trained = FastTextTrainer.train(FastTextTrainerTest.corpus(300, 11),
                new FastTextTrainer.Settings(37, 0.5, 3, 2, 300_001, 1, 0, 0, 7));
        Path file = dir.resolve("m.bin");
        trained.save(file);
        FastTextModel loaded = FastTextModel.load(file);
        FastTextScorer streamed = FastTextScorer.load(file);
        assertEquals(5, trained.input.chunkCount());
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        loaded.write(again);
        assertArrayEquals(Files.readAllBytes(file), again.toByteArray());
        assertEquals(loaded.args(), streamed.args());
        for (String line : FastTextTrainerTest.corpus(200, 12)) {
            String text = line.substring(line.indexOf(' ') + 1);
            assertArrayEquals(loaded.predict(text), streamed.predict(text), text);
            assertArrayEquals(trained.predict(text), streamed.predict(text), text);
        }
        assertEquals(loaded.probability("the river", "__label__hq"), streamed.probability("the river", "__label__hq"));
        assertEquals(-1, streamed.probability("the river", "__label__none"));
    }

    @Test
    void sigmoidModelsToo() throws IOException {
        FastTextModel m = FastTextModelTest.model(FastTextArgs.Loss.OVA);
        Path file = dir.resolve("ova.bin");
        m.save(file);
        assertArrayEquals(m.predict("hello world"), FastTextScorer.load(file).predict("hello world"));
    }

    @Test
    void aTruncatedFileIsAnErrorNamingIt() throws IOException {
        FastTextModel m = FastTextModelTest.model(FastTextArgs.Loss.SOFTMAX);
        Path file = dir.resolve("whole.bin");
        m.save(file);
        byte[] bytes = Files.readAllBytes(file);
        for (int cut : List.of(bytes.length - 3, bytes.length - 40, bytes.length - 100, 30)) {
            Path part = dir.resolve("cut-" + cut + ".bin");
            Files.write(part, Arrays.copyOf(bytes, cut));
            String message = assertThrows(IOException.class, () -> FastTextScorer.load(part)).getMessage();
            assertTrue(message.contains("ends early"), message);
        }
        Path text = dir.resolve("text.bin");
        Files.writeString(text, "not a model at all, just some text that is long enough");
        String message = assertThrows(IOException.class, () -> FastTextScorer.load(text)).getMessage();
        assertTrue(message.contains(text + ": not a fastText model"), message);
    }
}
