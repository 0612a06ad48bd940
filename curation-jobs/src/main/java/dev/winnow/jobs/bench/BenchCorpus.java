package dev.winnow.jobs.bench;

import dev.winnow.jobs.ingest.LocalTextFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A benchmark corpus of any size made from real text: every JSONL document found under a data
 * folder is a building block; each generated document joins two blocks picked by a seeded random
 * generator, so the corpus is large, realistic in length and mix, and the same for the same seed.
 */
public final class BenchCorpus {
    private BenchCorpus() {
    }

    /** The texts of every JSONL(.gz) document with a string "text" field under {@code data}. */
    static List<String> realTexts(Path data) throws IOException {
        return realTexts(data, p -> true);
    }

    /** As {@link #realTexts(Path)}, from the files {@code use} accepts. */
    static List<String> realTexts(Path data, java.util.function.Predicate<Path> use) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz"))
                    .filter(use).sorted().toList();
        }
        for (Path f : files) {
            try (BufferedReader r = LocalTextFiles.reader(f)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode t = json.readTree(line).get("text");
                    if (t != null && t.isTextual() && t.textValue().length() > 100) {
                        texts.add(t.textValue());
                    }
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IOException("no JSONL documents with a text field under " + data);
        }
        return texts;
    }

    /** Writes {@code files} JSONL files of about {@code bytesPerFile} each; returns the total bytes. */
    static long write(List<String> texts, Path out, int files, long bytesPerFile, long seed) throws IOException {
        Random rnd = new Random(seed);
        return writeDocuments(out, files, bytesPerFile,
                () -> texts.get(rnd.nextInt(texts.size())) + "\n\n" + texts.get(rnd.nextInt(texts.size())));
    }

    /** Writes {@code files} JSONL files of about {@code bytesPerFile} each of the texts {@code next} gives. */
    static long writeDocuments(Path out, int files, long bytesPerFile, java.util.function.Supplier<String> next)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(out);
        long total = 0;
        long doc = 0;
        for (int f = 0; f < files; f++) {
            Path file = out.resolve(String.format("part-%03d.jsonl", f));
            long written = 0;
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                while (written < bytesPerFile) {
                    ObjectNode n = json.createObjectNode();
                    n.put("id", "bench-" + doc);
                    n.put("url", "https://bench.example.org/" + doc);
                    n.put("text", next.get());
                    byte[] line = json.writeValueAsBytes(n);
                    os.write(line);
                    os.write('\n');
                    written += line.length + 1;
                    doc++;
                }
            }
            total += written;
        }
        return total;
    }
}
