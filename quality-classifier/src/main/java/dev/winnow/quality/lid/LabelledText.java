package dev.winnow.quality.lid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A {@code lang<TAB>text} evaluation file ({@code .tsv} or {@code .tsv.gz}), read into memory. */
public record LabelledText(Path file, List<String> labels, List<String> texts, List<String> malformed) {

    /** Lines without a tab or with an empty label are not evaluated; they are listed by line number. */
    public static LabelledText read(Path file) throws IOException {
        List<String> labels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                int tab = line.indexOf('\t');
                String label = tab < 0 ? "" : line.substring(0, tab).trim();
                if (label.isEmpty()) {
                    malformed.add(file + ":" + number + ": expected lang<TAB>text");
                    continue;
                }
                labels.add(label);
                texts.add(line.substring(tab + 1));
            }
        }
        return new LabelledText(file, List.copyOf(labels), List.copyOf(texts), List.copyOf(malformed));
    }

    /**
     * Documents of at least {@code minBytes} (UTF-8) made by joining consecutive lines of the same
     * language with newlines, in file order; what is left of a language at the end is dropped.
     * Used to measure detection on document-sized text.
     */
    public LabelledText documents(int minBytes) {
        java.util.Map<String, StringBuilder> open = new java.util.TreeMap<>();
        java.util.Map<String, Integer> openBytes = new java.util.HashMap<>();
        List<String> docLabels = new ArrayList<>();
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String label = labels.get(i);
            StringBuilder doc = open.computeIfAbsent(label, l -> new StringBuilder());
            if (doc.length() > 0) {
                doc.append('\n');
            }
            doc.append(texts.get(i));
            int size = openBytes.merge(label, texts.get(i).getBytes(StandardCharsets.UTF_8).length + 1, Integer::sum);
            if (size >= minBytes) {
                docLabels.add(label);
                docs.add(doc.toString());
                open.remove(label);
                openBytes.remove(label);
            }
        }
        return new LabelledText(file, List.copyOf(docLabels), List.copyOf(docs), List.of());
    }
}
