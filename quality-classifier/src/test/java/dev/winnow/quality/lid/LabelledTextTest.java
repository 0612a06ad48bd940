package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation files are hand-made or downloaded: bad lines must be reported by position, not crash or count. */
class LabelledTextTest {
    static final String CONTENT = String.join("\n",
            "en\tThe ferry leaves the harbour at seven every morning.",
            "de\tDer Bäcker an der Ecke öffnet schon um sechs Uhr.",
            "this line has no tab at all",
            " fr \tLe marché du samedi attire beaucoup de monde.\twith a second tab",
            "\tlabel missing",
            "") + "\n";

    @TempDir
    Path dir;

    static Path writeGzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private void assertParsed(LabelledText t, Path file) {
        assertEquals(file, t.file());
        assertEquals(List.of("en", "de", "fr"), t.labels(), "labels are trimmed");
        assertEquals("Le marché du samedi attire beaucoup de monde.\twith a second tab", t.texts().get(2),
                "the text is everything after the first tab");
        assertEquals(3, t.texts().size());
        assertEquals(List.of(file + ":3: expected lang<TAB>text", file + ":5: expected lang<TAB>text",
                file + ":6: expected lang<TAB>text"), t.malformed());
    }

    @Test
    void readsTsv() throws IOException {
        Path file = Files.writeString(dir.resolve("sample.tsv"), CONTENT);
        assertParsed(LabelledText.read(file), file);
    }

    @Test
    void readsGzippedTsv() throws IOException {
        Path file = writeGzip(dir.resolve("sample.tsv.gz"), CONTENT);
        assertParsed(LabelledText.read(file), file);
    }

    @Test
    void missingFileIsAnIOException() {
        assertThrows(IOException.class, () -> LabelledText.read(dir.resolve("absent.tsv")));
    }

    /** The Javadoc says lines with an empty label are not evaluated; a blank label trims to an empty one. */
    @Test
    void blankLabelIsMalformed() throws IOException {
        Path file = Files.writeString(dir.resolve("blank.tsv"), "  \tSome text here\n");
        LabelledText t = LabelledText.read(file);
        assertEquals(List.of(), t.labels().stream().map(l -> '"' + l + '"').toList());
        assertEquals(1, t.malformed().size());
    }

    @Test
    void documentsJoinConsecutiveLinesOfALanguageAndDropTheRest() throws IOException {
        Path file = Files.writeString(dir.resolve("docs.tsv"), String.join("\n",
                "en\taaaa", "de\tbbbb", "en\tcccc", "en\tdddd", "de\teeee", "en\tffff", "de\tgggg") + "\n");
        // Each line counts its bytes plus a newline: two 4-letter lines make a 10-byte document.
        LabelledText docs = LabelledText.read(file).documents(10);
        assertEquals(List.of("en", "de", "en"), docs.labels());
        assertEquals(List.of("aaaa\ncccc", "bbbb\neeee", "dddd\nffff"), docs.texts(), "\"gggg\" is left over");
        assertTrue(docs.malformed().isEmpty());
        assertEquals(file, docs.file());
    }
}
