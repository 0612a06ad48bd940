package dev.winnow.quality;

import dev.winnow.quality.fasttext.FastTextTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityModelTrainingTest {
    @TempDir
    Path dir;

    static final FastTextTrainer.Settings SMALL = new FastTextTrainer.Settings(16, 0.5, 10, 2, 10_000, 1, 0, 0, 0);

    /** Curated-sounding versus spam-sounding documents, multi-line, as written by this test. */
    static List<String> docs(boolean curated, int n, long seed) {
        String[] good = {"the", "river", "valley", "was", "settled", "by", "farmers", "whose", "descendants", "still",
            "keep", "orchards", "along", "its", "banks", "and", "the", "town", "library", "holds", "their", "letters"};
        String[] bad = {"click", "here", "free", "bonus", "win", "now", "cheap", "pills", "casino", "offer", "best",
            "price", "buy", "today", "limited", "deal"};
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                String[] pool = curated ? good : bad;
                s.append(pool[r.nextInt(pool.length)]).append(w % 13 == 12 ? "\n" : " ");
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void trainsHoldsOutAndJudges() {
        QualityModelTraining.Result r = QualityModelTraining.train(docs(true, 200, 1), docs(false, 200, 2), SMALL,
                0.25, 5);
        assertEquals(100, r.held());
        assertEquals(300, r.trained());
        assertEquals(100, r.validation().total());
        assertTrue(r.validation().accuracy() > 0.95, r.validation().report().toString());
        assertTrue(r.validation().rocAuc() > 0.99);
        assertTrue(QualityModelTraining.score(r.model(), QualityText.prepare(docs(true, 1, 9).get(0))) > 0.5);
    }

    @Test
    void sameDocumentsAndSeedGiveTheSameReport() {
        List<String> pos = docs(true, 100, 1);
        List<String> neg = docs(false, 100, 2);
        assertEquals(QualityModelTraining.train(pos, neg, SMALL, 0.2, 3).validation().report(),
                QualityModelTraining.train(pos, neg, SMALL, 0.2, 3).validation().report());
    }

    /** The lines handed over: the same split, model and report as from the documents, and the list emptied. */
    @Test
    void trainingOnHandedOverLinesIsTrainingOnTheDocuments() throws IOException {
        List<String> pos = docs(true, 100, 1);
        List<String> neg = docs(false, 100, 2);
        QualityModelTraining.Result fromDocs = QualityModelTraining.train(pos, neg, SMALL.withBlock(4), 0.2, 3, 2);
        List<String> lines = QualityModelTraining.lines(pos, neg);
        assertEquals(QualityModelTraining.line(QualityModelTraining.NEGATIVE, neg.get(0)), lines.get(100));
        QualityModelTraining.Result handed = QualityModelTraining.trainOnLines(lines, SMALL.withBlock(4), 0.2, 3, 1);
        assertTrue(lines.isEmpty());
        assertEquals(fromDocs.validation().report(), handed.validation().report());
        assertEquals(fromDocs.trained(), handed.trained());
        assertEquals(fromDocs.held(), handed.held());
        java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        fromDocs.model().write(a);
        handed.model().write(b);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.toByteArray(), b.toByteArray());
    }

    @Test
    void needsBothClassesAndASensibleShare() {
        assertThrows(IllegalArgumentException.class,
                () -> QualityModelTraining.train(List.of("a"), List.of(), SMALL, 0.1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> QualityModelTraining.train(List.of("a"), List.of("b"), SMALL, 1.0, 1));
    }

    @Test
    void documentsComeFromJsonlGzAndTextWithBadLinesListed() throws IOException {
        Path jsonl = dir.resolve("docs.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(jsonl))) {
            out.write(("{\"id\":1,\"text\":\"first doc\\nline two\"}\n{\"text\": 5}\nnot json\n\n"
                    + "{\"meta\":{\"a\":[1,2]},\"text\":\"second\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        Path text = Files.writeString(dir.resolve("docs.txt"), "one per line\n\nanother one\n");
        QualityDocuments d = QualityDocuments.read(List.of(jsonl, text));
        assertEquals(List.of("first doc\nline two", "second", "one per line", "another one"), d.texts());
        assertEquals(2, d.skipped().size());
        assertTrue(d.skipped().get(0).endsWith("docs.jsonl.gz:2: not a JSON object with a string \"text\""),
                d.skipped().get(0));
    }
}
