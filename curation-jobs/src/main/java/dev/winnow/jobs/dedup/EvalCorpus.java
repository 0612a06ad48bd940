package dev.winnow.jobs.dedup;

import dev.winnow.jobs.ingest.LocalTextFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus for the dedup evaluation: JSONL(.gz) records with {@code id} and {@code text}, in
 * file order. Lines that are not such records are skipped and reported, never fatal.
 */
public record EvalCorpus(List<String> ids, List<String> texts, List<String> skipped) {

    public static EvalCorpus read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (BufferedReader in = LocalTextFiles.reader(file)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode r = json.readTree(line);
                    JsonNode id = r.get("id");
                    JsonNode text = r.get("text");
                    if (id == null || !id.isValueNode() || text == null || !text.isTextual()) {
                        skipped.add(file + ":" + number + ": needs a string \"text\" and an \"id\"");
                        continue;
                    }
                    ids.add(id.asText());
                    texts.add(text.asText());
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    skipped.add(file + ":" + number + ": not JSON (" + e.getOriginalMessage() + ")");
                }
            }
        }
        return new EvalCorpus(ids, texts, skipped);
    }

    public int size() {
        return ids.size();
    }

    /**
     * Gold pairs from a TSV of {@code id1<TAB>id2} lines, as index pairs of this corpus. A line
     * naming an id the corpus does not have is an error: the figures would be wrong without it.
     */
    public long[] goldPairs(Path tsv) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (index.putIfAbsent(ids.get(i), i) != null) {
                throw new IllegalArgumentException("id '" + ids.get(i) + "' appears twice in the corpus: gold pairs "
                        + "need unique ids");
            }
        }
        List<Long> pairs = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            Integer a = f.length == 2 ? index.get(f[0].trim()) : null;
            Integer b = f.length == 2 ? index.get(f[1].trim()) : null;
            if (a == null || b == null || a.equals(b)) {
                throw new IllegalArgumentException(tsv + ":" + number + ": expected two different corpus ids "
                        + "separated by a tab, got '" + line + "'");
            }
            pairs.add(dev.winnow.dedup.PairMetrics.key(a, b));
        }
        long[] keys = pairs.stream().mapToLong(Long::longValue).toArray();
        return dev.winnow.dedup.PairMetrics.pairSet(keys, keys.length);
    }
}
