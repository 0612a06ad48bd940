package dev.winnow.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.dedup.WordTokenizer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzy dedup's word tokens on every text of the shared corpora (web pages, Wikipedia, Gutenberg,
 * Europarl, benchmark tasks, near-duplicate sets, and the language-ID sentences in 75 languages):
 * {@link WordTokenizer} must give exactly Lucene's StandardTokenizer tokens, since it replaced it
 * in the shingler.
 */
class WordTokenizerEval {
    private final WordTokenizer words = new WordTokenizer();
    private final WordTokenizer reference = new WordTokenizer();

    @Test
    void sameTokensAsLuceneOnEveryText() throws IOException {
        Path data = SharedData.root();
        List<Path> files;
        try (Stream<Path> all = Files.walk(data)) {
            files = all.filter(p -> p.toString().matches(".*\\.(jsonl|tsv)(\\.gz)?$")).sorted().toList();
        }
        long texts = 0;
        long chars = 0;
        long tokens = 0;
        long luceneBefore = words.luceneChars();
        for (Path file : files) {
            for (String text : texts(file)) {
                List<String> expected = reference.luceneTokens(text);
                List<String> actual = new ArrayList<>(expected.size());
                words.tokenize(text, (c, offset, length) -> actual.add(new String(c, offset, length)));
                assertEquals(expected, actual, () -> file + ": tokens of \"" + text + "\"");
                texts++;
                chars += text.length();
                tokens += expected.size();
            }
        }
        double luceneShare = (words.luceneChars() - luceneBefore) / (double) chars;
        System.out.printf("WordTokenizerEval: %d files, %,d texts, %,d chars, %,d tokens, all equal to Lucene's; "
                + "%.1f%% of the chars scanned by Lucene%n", files.size(), texts, chars, tokens, 100 * luceneShare);
        assertTrue(texts > 100_000, "the corpora hold more than 100,000 texts, read " + texts);
    }

    /** The text fields of a JSON-lines file, or the last column of a TSV file. */
    private static List<String> texts(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        boolean tsv = file.toString().contains(".tsv");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (tsv) {
                    out.add(line.substring(line.indexOf('\t') + 1));
                    continue;
                }
                JsonNode node = json.readTree(line);
                for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                    JsonNode value = node.get(names.next());
                    if (value.isTextual() && value.asText().length() >= 20) {
                        out.add(value.asText());
                    }
                }
            }
        }
        return out;
    }
}
