package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation's figures are what tuning decisions are made on: each is checked against a file
 * whose right and wrong answers are known (two lines are deliberately mislabelled).
 */
class LidEvaluationTest {
    private static final LanguageIdentifier LID = LanguageIdentifier.shared();

    private static final String DATA = String.join("\n",
            "en\tThe ferry leaves the harbour at seven every morning.",
            "en\tShe planted tomatoes and beans behind the old farmhouse.",
            "en\tOur neighbours are painting their fence a bright shade of green.",
            "en\tDer Bäcker an der Ecke öffnet schon um sechs Uhr morgens.", // labelled en, is German
            "de\tWir treffen uns nach der Arbeit im Biergarten am Fluss.",
            "de\t12345 !!! 67890", // no letters: undetermined, wrong
            "fr\tLe marché du samedi attire beaucoup de monde en été.",
            "fr\tThe library will be closed on Monday for repairs.", // labelled fr, is English
            "a line without any tab") + "\n";

    @TempDir
    Path dir;

    private LidEvaluation evaluate(Path file) throws IOException {
        return LidEvaluation.run(LID, LabelledText.read(file), "en");
    }

    private static void assertFigures(LidEvaluation e, Path file) {
        assertEquals(file.toString(), e.file());
        assertEquals(8, e.lines());
        assertEquals(5, e.correct());
        assertEquals(5 / 8.0, e.accuracy(), 1e-12);
        assertEquals(3 / 4.0, e.accuracy("en"), 1e-12);
        assertEquals(1 / 2.0, e.accuracy("de"), 1e-12);
        assertEquals(1 / 2.0, e.accuracy("fr"), 1e-12);
        assertTrue(Double.isNaN(e.accuracy("xx")), "no lines of a language: NaN, not 0");
        assertEquals(4, e.english());
        assertEquals(3, e.englishFound());
        assertEquals(3 / 4.0, e.englishRecall(), 1e-12);
        assertEquals(4, e.nonEnglish());
        assertEquals(1, e.nonEnglishAsEnglish());
        assertEquals(1 / 4.0, e.englishFalsePositiveRate(), 1e-12);
        assertEquals(1, e.undetermined());
        assertEquals(1, e.malformed());
        assertEquals(3, e.byLanguage().size());
        assertTrue(e.bytes() > 300 && e.nanos() > 0);
    }

    @Test
    void countsAndRatesOnAPlainFile() throws IOException {
        Path file = Files.writeString(dir.resolve("eval.tsv"), DATA);
        assertFigures(evaluate(file), file);
        assertEquals(List.of(file + ":9: expected lang<TAB>text"), LabelledText.read(file).malformed());
    }

    @Test
    void sameFiguresFromAGzippedFile() throws IOException {
        Path file = LabelledTextTest.writeGzip(dir.resolve("eval.tsv.gz"), DATA);
        assertFigures(evaluate(file), file);
    }

    @Test
    void reportHasOneLabelledFigurePerLine() throws IOException {
        Path file = Files.writeString(dir.resolve("eval.tsv"), DATA);
        List<String> report = LidEvaluation.run(LID, LabelledText.read(file), "en", 3).report();
        assertTrue(report.contains("accuracy: 0.6250"), report.toString());
        assertTrue(report.contains("english_recall: 0.7500"), report.toString());
        assertTrue(report.contains("english_false_positive_rate: 0.2500"), report.toString());
        assertTrue(report.contains("english_false_positives: 1 of 4"), report.toString());
        assertTrue(report.contains("english_precision: 0.7500"), report.toString()); // 3 of the 4 called en
        assertTrue(report.contains("malformed_lines: 1"), report.toString());
        assertTrue(report.contains("undetermined: 1"), report.toString());
        assertTrue(report.contains("lines: 8"), report.toString());
        assertTrue(report.contains("passes: 3"), report.toString());
        assertTrue(report.contains("accuracy.en: 0.7500 (3/4)"), report.toString());
        assertTrue(report.contains("accuracy.de: 0.5000 (1/2)"), report.toString());
        for (String line : report) {
            assertTrue(line.matches("[a-z_.]+: \\S.*"), "not 'label: value': " + line);
        }
        String speed = report.stream().filter(l -> l.startsWith("mb_per_s: ")).findFirst().orElseThrow();
        assertTrue(speed.matches("mb_per_s: \\d+\\.\\d\\d"), speed);
    }

    @Test
    void emptyFileGivesNaNRatesNotAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.tsv"), "");
        LidEvaluation e = evaluate(file);
        assertEquals(0, e.lines());
        assertTrue(Double.isNaN(e.accuracy()));
        assertTrue(Double.isNaN(e.englishRecall()));
        assertTrue(e.report().contains("accuracy: NaN"), e.report().toString());
    }

    @Test
    void passesMustBePositive() throws IOException {
        LabelledText data = LabelledText.read(Files.writeString(dir.resolve("one.tsv"), "en\tHello there, friend.\n"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> LidEvaluation.run(LID, data, "en", 0));
        assertTrue(ex.getMessage().contains("passes"), ex.getMessage());
        assertEquals(2, LidEvaluation.run(LID, data, "en", 2).passes());
    }
}
