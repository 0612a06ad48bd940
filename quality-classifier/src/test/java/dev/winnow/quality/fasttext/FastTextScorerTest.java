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

    /**
     * Against fastText's own arithmetic, done here from the matrices: the hidden layer as the
     * mean of the line's input rows, each label's logit its dot with the label's output row, then
     * softmax. Two labels (the quality model's path) and three (the general one).
     */
    @Test
    void predictionsAreTheSoftmaxOfTheOutputTimesTheMeanInputRow() {
        String[][] pools = {{"river", "harbour", "library", "museum"}, {"click", "free", "winner", "casino"},
            {"goal", "match", "league", "striker"}};
        for (int labels : new int[] {2, 3}) {
            java.util.Random r = new java.util.Random(labels);
            List<String> lines = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int label = r.nextInt(labels);
                StringBuilder line = new StringBuilder("__label__c" + label);
                for (int w = 0; w < 10; w++) {
                    line.append(' ').append(r.nextInt(4) == 0 ? "the" : pools[label][r.nextInt(4)]);
                }
                lines.add(line.toString());
            }
            FastTextModel m = FastTextTrainer.train(lines, new FastTextTrainer.Settings(8, 0.5, 5, 2, 1000, 1, 0, 0, 3));
            assertEquals(labels, m.dictionary().labels());
            for (String text : List.of("river harbour the library", "click free winner", "goal match the striker",
                    "museum casino league", "unknown words only")) {
                IntList rows = new IntList();
                m.dictionary().line(text, rows, null);
                int dim = m.args().dim();
                double[] logits = new double[labels];
                for (int l = 0; l < labels; l++) {
                    for (int d = 0; d < dim; d++) {
                        double hidden = 0;
                        for (int k = 0; k < rows.size(); k++) {
                            hidden += m.input.get(rows.get(k), d);
                        }
                        logits[l] += hidden / rows.size() * m.output[l * dim + d];
                    }
                }
                double max = Arrays.stream(logits).max().orElseThrow();
                double total = Arrays.stream(logits).map(x -> Math.exp(x - max)).sum();
                float[] predicted = m.scorer().predict(text);
                for (int l = 0; l < labels; l++) {
                    assertEquals(Math.exp(logits[l] - max) / total, predicted[l], 1e-5, labels + " labels, label " + l + ": " + text);
                }
            }
        }
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
