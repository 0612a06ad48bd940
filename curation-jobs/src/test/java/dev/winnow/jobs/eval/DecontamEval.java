package dev.winnow.jobs.eval;

import dev.winnow.dedup.decontam.CutOutcome;
import dev.winnow.dedup.decontam.DecontaminationParams;
import dev.winnow.dedup.decontam.Decontaminator;
import dev.winnow.dedup.decontam.TaskExample;
import dev.winnow.dedup.decontam.TaskNgramIndex;
import dev.winnow.dedup.decontam.WordTokens;
import dev.winnow.jobs.bench.DecontamBench;
import dev.winnow.jobs.bench.PlantedContamination;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.decontam.TaskSpec;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.StageCatalog;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decontamination on real data: every JSONL document of the shared data folder (outside
 * {@code decontam/}), 1,000 of them with a planted span of 13-50 words from a random example of
 * the 17 shared task sets, through the decontaminate stage in local[2] with all task sets loaded.
 * Every planted span must be found and removed; no other document may change except the genuine
 * overlaps the corpus already had, which are found independently first and printed.
 */
class DecontamEval {
    private static final int PLANTED = 1_000;

    @TempDir
    Path dir;

    @Test
    void plantedSpansAreAllFoundAndRemovedAndNothingElseChanges() throws IOException {
        Path data = SharedData.root();
        List<TaskSpec> specs = DecontamBench.sharedTasks(data);
        assertEquals(17, specs.size());
        List<TaskExample> examples = DecontamBench.examples(specs);
        assertEquals(37_048, examples.size());
        List<String> documents = DecontamBench.sharedDocuments(data);

        // Genuine overlaps of the unplanted corpus, found with the library on one thread.
        TaskNgramIndex index = TaskNgramIndex.build(examples, DecontaminationParams.MEGATRON);
        Decontaminator plain = new Decontaminator(index, new long[0]);
        Set<String> genuine = new TreeSet<>();
        for (int i = 0; i < documents.size(); i++) {
            CutOutcome c = plain.apply(documents.get(i));
            if (c != null) {
                genuine.add("doc-" + i);
                System.out.printf("genuine overlap doc-%d: %s \"%s\"%n", i,
                        index.tasks().get(index.tasksOf(plain.matches().entry(0))[0]), index.text(plain.matches().entry(0)));
            }
        }
        assertTrue(genuine.size() <= 10, "genuine overlaps: " + genuine);

        PlantedContamination.Corpus corpus = PlantedContamination.plant(documents, examples, PLANTED, 13, 50, 2026);
        Path jsonl = dir.resolve("corpus.jsonl");
        corpus.writeJsonl(jsonl);
        StringBuilder tasks = new StringBuilder();
        for (TaskSpec s : specs) {
            tasks.append("{ name = ").append(s.name()).append(", path = \"").append(s.path()).append("\" }\n");
        }
        String config = "winnow { run-dir = \"" + dir.resolve("run") + "\"\n keep-rejected-text = true\n"
                + " datasets = [{ name = corpus, format = jsonl, path = \"" + jsonl + "\" }]\n"
                + " stages = [ingest, decontaminate]\n decontaminate.tasks = [\n" + tasks + "]\n}\n";
        Progress progress = new Progress(System.out);
        List<StageManifest> ms = new Pipeline(SparkTestSession.get(), WinnowConfig.parse(config, List.of()),
                StageCatalog::create, progress).run(null, null, progress);
        StageManifest m = ms.get(1);
        assertEquals(documents.size(), m.in());

        // What the stage kept, by source document id.
        Map<String, List<String>> kept = new HashMap<>();
        for (Row r : SparkTestSession.get().read().parquet(dir.resolve("run/stages/02-decontaminate").toString())
                .select("id", "text").collectAsList()) {
            String id = r.getString(0);
            int hash = id.lastIndexOf('#');
            kept.computeIfAbsent(hash < 0 ? id : id.substring(0, hash), k -> new ArrayList<>()).add(r.getString(1));
        }
        // Where the stage found task n-grams: match start offsets by document.
        Map<String, List<Integer>> matchStarts = new HashMap<>();
        Map<String, List<String>> matchTasks = new HashMap<>();
        for (Row r : SparkTestSession.get().read().parquet(dir.resolve("run/contamination/decontaminate").toString())
                .select("id", "matches.start", "tasks").collectAsList()) {
            matchStarts.put(r.getString(0).substring("corpus/".length()), r.getList(1));
            matchTasks.put(r.getString(0).substring("corpus/".length()), r.getList(2));
        }
        Set<String> touched = matchStarts.keySet();

        // Every plant found, and none of its 13-grams left in what was kept of its document.
        int found = 0;
        int removed = 0;
        WordTokens words = new WordTokens();
        List<String> misses = new ArrayList<>();
        for (PlantedContamination.Plant p : corpus.plants().values()) {
            // Found: a match starts inside the planted span, and its task is among the document's.
            boolean isFound = matchStarts.getOrDefault(p.id(), List.of()).stream()
                    .anyMatch(at -> at >= p.offset() && at < p.offset() + p.span().length())
                    && matchTasks.get(p.id()).contains(p.task());
            found += isFound ? 1 : 0;
            words.tokenize(p.span());
            Set<String> grams = new HashSet<>();
            for (int i = 0; i + 13 <= words.size(); i++) {
                grams.add(words.words(i, 13));
            }
            boolean left = false;
            for (String piece : kept.getOrDefault("corpus/" + p.id(), List.of())) {
                WordTokens w = new WordTokens().tokenize(piece);
                for (int i = 0; i + 13 <= w.size() && !left; i++) {
                    left = grams.contains(w.words(i, 13));
                }
            }
            removed += left ? 0 : 1;
            if (!isFound || left) {
                misses.add(p.toString());
            }
        }
        System.out.printf("planted %d: found %d, removed %d%n", PLANTED, found, removed);
        assertEquals(List.of(), misses.subList(0, Math.min(5, misses.size())));
        assertEquals(PLANTED, found);
        assertEquals(PLANTED, removed);

        // Nothing else changed: every other document is kept whole, as it was, under its own id.
        Set<String> changed = new TreeSet<>();
        for (int i = 0; i < documents.size(); i++) {
            String id = "doc-" + i;
            if (corpus.plants().containsKey(id)) {
                continue;
            }
            List<String> pieces = kept.get("corpus/" + id);
            if (pieces == null || pieces.size() != 1 || !pieces.get(0).equals(corpus.texts().get(i))) {
                changed.add(id);
            }
        }
        Set<String> expectedChanges = new TreeSet<>(genuine);
        expectedChanges.removeAll(corpus.plants().keySet());
        assertEquals(expectedChanges, changed, "only genuine overlaps change besides the planted documents");
        assertTrue(touched.containsAll(expectedChanges));

        for (Row r : SparkTestSession.get().read().parquet(dir.resolve("run/contamination/decontaminate").toString())
                .groupBy("dropped").count().collectAsList()) {
            System.out.printf("documents dropped=%s: %d%n", r.get(0), r.getLong(1));
        }
        Map<String, Long> perTask = new TreeMap<>();
        m.metrics().forEach((k, v) -> {
            if (k.endsWith(".documents")) {
                perTask.put(k, v);
            }
        });
        System.out.println("per task: " + perTask);
        long corpusBytes = 0;
        for (String t : corpus.texts()) {
            corpusBytes += t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        System.out.printf("decontaminate stage: %.1f s for %.1f MB in local[2] (%.1f MB/s, both passes, writes included)%n",
                m.elapsedMs() / 1e3, corpusBytes / 1e6, corpusBytes / 1e6 / (m.elapsedMs() / 1e3));
    }
}
