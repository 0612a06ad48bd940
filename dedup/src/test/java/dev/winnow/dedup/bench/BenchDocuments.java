package dev.winnow.dedup.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The documents a text benchmark cycles through: 2,000 generated English-like ones, or one per
 * non-blank line of a file, with their UTF-8 sizes for the {@link TextBytes} counter.
 */
final class BenchDocuments {
    final String[] texts;
    final int[] bytes;
    private int next;

    /** {@code textFile}: a path, or empty for the generated documents. */
    BenchDocuments(String textFile) throws IOException {
        List<String> all = textFile.isEmpty()
                ? new EnglishLikeText(2024).documents(2000)
                : Files.readAllLines(Path.of(textFile), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        texts = all.toArray(new String[0]);
        bytes = new int[texts.length];
        for (int d = 0; d < texts.length; d++) {
            bytes[d] = texts[d].getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** The next document's index, its bytes counted. */
    int next(TextBytes counter) {
        int d = next;
        next = d + 1 == texts.length ? 0 : d + 1;
        counter.bytes += bytes[d];
        return d;
    }
}
