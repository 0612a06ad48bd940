package dev.winnow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.dedup.decontam.TaskExample;
import dev.winnow.dedup.decontam.WordTokens;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A corpus of real documents with task text planted in some of them: each planted document gets
 * one span of 13-50 consecutive words (as written, punctuation and case kept) from a random task
 * example, inserted at a random word boundary. Seeded: the same inputs give the same corpus.
 */
public final class PlantedContamination {
    /** One planted span: the document (its id), where the span starts in its text, and where it came from. */
    public record Plant(String id, int offset, String span, int words, String task, String example) {
    }

    /** The corpus: ids {@code doc-<n>} in input order, and the plants by id. */
    public record Corpus(List<String> ids, List<String> texts, Map<String, Plant> plants) {
        /** The documents as they are, ids {@code doc-<n>}, nothing planted. */
        public static Corpus of(List<String> texts) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                ids.add("doc-" + i);
            }
            return new Corpus(ids, texts, Map.of());
        }

        /** Writes {@code {"id", "text"}} lines. */
        public void writeJsonl(Path file) throws IOException {
            ObjectMapper json = new ObjectMapper();
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < ids.size(); i++) {
                    ObjectNode n = json.createObjectNode();
                    n.put("id", ids.get(i));
                    n.put("text", texts.get(i));
                    w.write(json.writeValueAsString(n));
                    w.write('\n');
                }
            }
        }
    }

    private PlantedContamination() {
    }

    public static Corpus plant(List<String> documents, List<TaskExample> examples, int count, int minWords,
                               int maxWords, long seed) {
        if (count > documents.size()) {
            throw new IllegalArgumentException("cannot plant " + count + " spans in " + documents.size() + " documents");
        }
        Random random = new Random(seed);
        List<TaskExample> usable = new ArrayList<>();
        WordTokens words = new WordTokens();
        for (TaskExample e : examples) {
            if (words.tokenize(e.text()).size() >= minWords) {
                usable.add(e);
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>(documents);
        for (int i = 0; i < documents.size(); i++) {
            ids.add("doc-" + i);
        }
        // A seeded choice of `count` distinct documents (partial Fisher-Yates).
        int[] order = new int[documents.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Map<String, Plant> plants = new HashMap<>();
        for (int k = 0; k < count; k++) {
            int j = k + random.nextInt(order.length - k);
            int tmp = order[k];
            order[k] = order[j];
            order[j] = tmp;
            int doc = order[k];
            TaskExample e = usable.get(random.nextInt(usable.size()));
            words.tokenize(e.text());
            int n = words.size();
            int len = Math.min(n, minWords + random.nextInt(maxWords - minWords + 1));
            int from = random.nextInt(n - len + 1);
            String span = e.text().substring(words.start(from), words.end(from + len - 1));
            String text = texts.get(doc);
            int at = boundary(text, random);
            texts.set(doc, text.substring(0, at) + (at > 0 ? " " : "") + span + " " + text.substring(at));
            int offset = at + (at > 0 ? 1 : 0);
            plants.put(ids.get(doc), new Plant(ids.get(doc), offset, span, len, e.task(), e.id()));
        }
        return new Corpus(ids, texts, plants);
    }

    /** A random position just after whitespace (or the start), so no word is split. */
    private static int boundary(String text, Random random) {
        List<Integer> spaces = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                spaces.add(i + 1);
            }
        }
        return spaces.isEmpty() ? 0 : spaces.get(random.nextInt(spaces.size()));
    }
}
