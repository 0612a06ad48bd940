package dev.winnow.jobs.eval;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.ShingleUnit;
import dev.winnow.jobs.bench.NearDupCorpus;
import dev.winnow.jobs.bench.SourceText;
import dev.winnow.jobs.dedup.DedupEvaluation;
import dev.winnow.jobs.dedup.EvalCorpus;
import dev.winnow.jobs.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzy dedup's accuracy gates on the shared near-duplicate sets and on a generated corpus with
 * planted clusters: against every pair with word-5-gram Jaccard ≥ 0.8 (exact join), the edges
 * dedup draws must be right (precision ≥ 0.99) and the true pairs must end up in one component
 * (recall ≥ 0.99). Component-pair precision is printed, not gated: components are closed under
 * "near-duplicate of a near-duplicate", so they hold pairs below the threshold by design.
 */
class DedupEval {
    @TempDir
    Path dir;

    /** The defaults of winnow/defaults.conf: word 5-grams, 20 x 7, J 0.8, verified, 100 pairwise. */
    private static final FuzzyParams DEFAULTS = new FuzzyParams(ShingleUnit.WORD, 5, 20, 7, 0.8, true, 42);
    private static final int PAIRWISE = 100;

    private static DedupEvaluation.Report run(String name, EvalCorpus corpus, FuzzyParams params, long[] gold) {
        DedupEvaluation.Report r = DedupEvaluation.run(SparkTestSession.get(), corpus, params, PAIRWISE, gold, 2);
        System.out.println("== " + name);
        r.lines().forEach(System.out::println);
        return r;
    }

    private static void assertAccurate(DedupEvaluation.Report r, double precision, double recall) {
        assertTrue(r.edges().precision() >= precision, "edge precision " + r.edges());
        assertTrue(r.pairs().recall() >= recall, "component recall " + r.pairs());
    }

    @Test
    void debianCopyrightFiles() throws IOException {
        EvalCorpus corpus = EvalCorpus.read(SharedData.root().resolve("neardup/debian_copyright.jsonl.gz"));
        assertTrue(corpus.size() == 5343 && corpus.skipped().isEmpty(), corpus.size() + " " + corpus.skipped());
        assertAccurate(run("debian, verified", corpus, DEFAULTS, null), 0.99, 0.99);
        DedupEvaluation.Report raw = run("debian, not verified", corpus, withVerify(DEFAULTS, false), null);
        assertTrue(raw.pairs().recall() >= 0.99, raw.pairs().toString());
    }

    @Test
    void generatedCorpusWithPlantedClusters() throws IOException {
        Path file = dir.resolve("neardup-20k.jsonl.gz");
        new NearDupCorpus(SourceText.load(SharedData.root()), NearDupCorpus.Settings.defaults(20_000, 7)).write(file);
        EvalCorpus corpus = EvalCorpus.read(file);
        assertAccurate(run("generated 20k, verified", corpus, DEFAULTS, null), 0.99, 0.99);
        DedupEvaluation.Report raw = run("generated 20k, not verified", corpus, withVerify(DEFAULTS, false), null);
        assertTrue(raw.pairs().recall() >= 0.99, raw.pairs().toString());
    }

    @Test
    void minhashArticlesGoldPairs() throws IOException {
        Path data = SharedData.root().resolve("neardup");
        EvalCorpus corpus = EvalCorpus.read(data.resolve("minhash_articles_1000.jsonl"));
        long[] gold = corpus.goldPairs(data.resolve("minhash_articles_1000.pairs.tsv"));
        DedupEvaluation.Report r = run("minhash articles, gold", corpus, DEFAULTS, gold);
        assertTrue(r.pairs().precision() >= 0.99 && r.pairs().recall() >= 0.99, r.pairs().toString());
    }

    /**
     * Clough & Stevenson's plagiarised short answers: the gold groups are each task's original
     * with its "cut" and "light" answers; "non" answers are independent; "heavy" rewrites are left
     * out (neither clearly copies nor clearly independent). Rewritten short answers are far below
     * J 0.8 (a light revision has a median word-3-gram Jaccard of 0.18 with its source; unrelated
     * answers to the same question reach 0.03), so the near-duplicate defaults find only the
     * verbatim copies: plagiarism needs word 3-grams, J ≥ 0.1, and 100 bands of one row, so that
     * practically every pair above 0.1 is a candidate and verification decides.
     */
    @Test
    void cloughStevensonPlagiarism() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.root().resolve("neardup/clough_stevenson.jsonl"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder subset = new StringBuilder();
        Map<String, List<String>> groups = new TreeMap<>();
        for (String line : lines) {
            var r = json.readTree(line);
            String category = r.get("category").asText();
            if (category.equals("heavy")) {
                continue;
            }
            subset.append(json.writeValueAsString(Map.of("id", r.get("id").asText(), "text", r.get("text").asText())))
                    .append('\n');
            if (!category.equals("non")) {
                groups.computeIfAbsent(r.get("task").asText(), t -> new ArrayList<>()).add(r.get("id").asText());
            }
        }
        StringBuilder gold = new StringBuilder();
        for (List<String> g : groups.values()) {
            for (int i = 0; i < g.size(); i++) {
                for (int j = i + 1; j < g.size(); j++) {
                    gold.append(g.get(i)).append('\t').append(g.get(j)).append('\n');
                }
            }
        }
        Files.writeString(dir.resolve("clough.jsonl"), subset);
        Files.writeString(dir.resolve("clough-gold.tsv"), gold);
        EvalCorpus corpus = EvalCorpus.read(dir.resolve("clough.jsonl"));
        long[] goldPairs = corpus.goldPairs(dir.resolve("clough-gold.tsv"));

        run("clough-stevenson, near-duplicate defaults", corpus, DEFAULTS, goldPairs);
        FuzzyParams plagiarism = new FuzzyParams(ShingleUnit.WORD, 3, 100, 1, 0.1, true, 42);
        DedupEvaluation.Report r = run("clough-stevenson, word 3-grams, J >= 0.1", corpus, plagiarism, goldPairs);
        assertTrue(r.pairs().precision() >= 0.95 && r.pairs().recall() >= 0.75, r.pairs().toString());
    }

    private static FuzzyParams withVerify(FuzzyParams p, boolean verify) {
        return new FuzzyParams(p.unit(), p.shingle(), p.bands(), p.rows(), p.threshold(), verify, p.seed());
    }
}
