package dev.winnow.jobs.bench;

import dev.winnow.jobs.ingest.LocalTextFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.dedup.PairMetrics;
import dev.winnow.dedup.ShingleUnit;
import dev.winnow.dedup.Shingler;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench dedup-mllib}: the MLlib MinHashLSH baseline ({@link MllibMinHashBaseline}) on a
 * JSONL corpus in local[N], its time, and its pairs' precision and recall against the exact truth:
 * every pair with word-5-gram Jaccard ≥ threshold on the same shingles, found on the driver by
 * the exact all-pairs join ({@link ExactTruth}). When the records carry a {@code cluster} field (a
 * {@link NearDupCorpus}), the truth is also compared with the generator's clusters.
 */
public final class DedupMllibBench {
    private final PrintStream out;

    public DedupMllibBench(PrintStream out) {
        this.out = out;
    }

    /** The corpus as the truth sees it: ids (dense indices), shingle sets, cluster labels (or null). */
    record Corpus(PairMetrics.Ids ids, List<long[]> shingles, int[] clusters, long chars) {
    }

    public void run(Path data, int cores, long timeoutSeconds, double threshold, boolean truth) throws IOException {
        long t0 = System.nanoTime();
        Corpus corpus = read(data);
        int docs = corpus.shingles().size();
        long empty = corpus.shingles().stream().filter(s -> s.length == 0).count();
        out.println("corpus: " + data);
        out.println("docs: " + docs);
        out.printf(Locale.ROOT, "text_mb: %.1f%n", corpus.chars() / 1e6);
        out.println("docs_without_shingles: " + empty);
        out.printf(Locale.ROOT, "read_and_shingle_s: %.1f%n", (System.nanoTime() - t0) / 1e9);

        long[] truePairs = null;
        if (truth) {
            long t1 = System.nanoTime();
            truePairs = ExactTruth.pairs(corpus.shingles(), threshold);
            out.printf(Locale.ROOT, "truth: exact Jaccard >= %.2f (JaccardJoin), %.1f s%n", threshold,
                    (System.nanoTime() - t1) / 1e9);
            out.println("truth.pairs: " + truePairs.length);
            out.println("truth.docs_in_pairs: " + docsIn(truePairs));
            if (corpus.clusters() != null) {
                PairMetrics.Result vsClusters = PairMetrics.compare(truePairs, corpus.clusters());
                out.println("generator.cluster_pairs: " + vsClusters.truth());
                out.println("truth.pairs_within_a_cluster: " + vsClusters.truePositives());
                out.println("truth.pairs_across_clusters: " + vsClusters.falsePositives());
            }
        }

        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("winnow-bench-dedup-mllib")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", Integer.toString(8 * cores))
                .getOrCreate();
        try {
            MllibMinHashBaseline.Settings s = new MllibMinHashBaseline.Settings(5, 42, threshold, 8 * cores,
                    timeoutSeconds);
            out.printf(Locale.ROOT, "mllib: MinHashLSH numHashTables %d seed %d, 2^%d binary features, "
                            + "approxSimilarityJoin distance < %.2f, local[%d], timeout %d s%n", s.numHashTables(),
                    s.seed(), MllibMinHashBaseline.FEATURE_BITS, MllibMinHashBaseline.joinDistance(threshold), cores,
                    timeoutSeconds);
            MllibMinHashBaseline.Result r = MllibMinHashBaseline.run(spark, data.toString(), s, corpus.ids());
            if (!r.finished()) {
                out.println("mllib.result: " + r.message());
                return;
            }
            out.printf(Locale.ROOT, "mllib.wall_s: %.1f (vectors %.1f, lsh join + collect %.1f)%n", r.totalSeconds(),
                    r.vectorSeconds(), r.joinSeconds());
            out.println("mllib.docs: " + r.docs() + " (dropped without shingles: " + r.droppedDocs() + ")");
            out.println("mllib.pairs: " + r.pairs().length);
            if (corpus.ids().size() != docs) {
                out.println("mllib: WARNING predicted " + (corpus.ids().size() - docs) + " ids not in the corpus file");
            }
            if (truePairs != null) {
                PairMetrics.Result m = PairMetrics.compare(r.pairs(), truePairs);
                out.printf(Locale.ROOT, "mllib.vs_truth: precision %.4f recall %.4f f1 %.4f (tp %d, fp %d, fn %d)%n",
                        m.precision(), m.recall(), m.f1(), m.truePositives(), m.falsePositives(), m.falseNegatives());
                explain(r.pairs(), truePairs, corpus, threshold);
                examples("mllib.false_positive", r.pairs(), truePairs, corpus);
                examples("mllib.false_negative", truePairs, r.pairs(), corpus);
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * Why MLlib's pairs differ from the truth. MLlib keeps a pair when the Jaccard distance of
     * its 2^20-feature vectors is below the join distance: a false positive is a pair that
     * feature hashing lifted above the threshold; a false negative either was not above it after
     * feature hashing (collisions) or was never a candidate (an LSH miss).
     */
    private void explain(long[] predicted, long[] truePairs, Corpus corpus, double threshold) {
        long fpHashing = 0;
        long fpOther = 0;
        for (long k : predicted) {
            if (java.util.Arrays.binarySearch(truePairs, k) < 0) {
                double fj = MllibMinHashBaseline.featureJaccard(corpus.shingles().get(PairMetrics.first(k)),
                        corpus.shingles().get(PairMetrics.second(k)));
                if (1 - fj < MllibMinHashBaseline.joinDistance(threshold)) {
                    fpHashing++;
                } else {
                    fpOther++;
                }
            }
        }
        long fnHashing = 0;
        long fnLsh = 0;
        for (long k : truePairs) {
            if (java.util.Arrays.binarySearch(predicted, k) < 0) {
                long[] x = corpus.shingles().get(PairMetrics.first(k));
                long[] y = corpus.shingles().get(PairMetrics.second(k));
                double fj = MllibMinHashBaseline.featureJaccard(x, y);
                if (1 - fj < MllibMinHashBaseline.joinDistance(threshold)) {
                    fnLsh++;
                } else {
                    fnHashing++;
                }
            }
        }
        out.println("mllib.false_positives_by_cause: feature hashing " + fpHashing + ", other " + fpOther);
        out.println("mllib.false_negatives_by_cause: feature hashing " + fnHashing + ", lsh miss " + fnLsh);
    }

    /** Up to 5 pairs of {@code a} not in {@code b}, with their exact Jaccard similarity. */
    private void examples(String label, long[] a, long[] b, Corpus corpus) {
        int shown = 0;
        for (long k : a) {
            if (java.util.Arrays.binarySearch(b, k) < 0) {
                long[] x = corpus.shingles().get(PairMetrics.first(k));
                long[] y = corpus.shingles().get(PairMetrics.second(k));
                out.printf(Locale.ROOT, "%s: %s %s exact_jaccard %.4f (%d, %d shingles)%n", label,
                        corpus.ids().name(PairMetrics.first(k)), corpus.ids().name(PairMetrics.second(k)),
                        dev.winnow.dedup.Jaccard.of(x, y), x.length, y.length);
                if (++shown == 5) {
                    return;
                }
            }
        }
    }

    private static long docsIn(long[] pairs) {
        java.util.BitSet seen = new java.util.BitSet();
        for (long k : pairs) {
            seen.set(PairMetrics.first(k));
            seen.set(PairMetrics.second(k));
        }
        return seen.cardinality();
    }

    /** Reads ids, texts (shingled at once, texts not kept) and clusters of a JSONL(.gz) corpus. */
    static Corpus read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Shingler shingler = new Shingler(ShingleUnit.WORD, 5);
        PairMetrics.Ids ids = new PairMetrics.Ids();
        List<long[]> shingles = new ArrayList<>();
        List<String> clusterNames = new ArrayList<>();
        long chars = 0;
        try (BufferedReader r = LocalTextFiles.reader(file)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                JsonNode id = n.get("id");
                JsonNode text = n.get("text");
                if (id == null || id.isNull() || text == null || !text.isTextual()) {
                    continue; // the Spark side drops these too
                }
                int index = ids.of(id.asText());
                if (index != shingles.size()) {
                    throw new IOException("duplicate id " + id.asText() + " in " + file);
                }
                shingles.add(shingler.shingles(text.textValue()));
                chars += text.textValue().length();
                JsonNode cluster = n.get("cluster");
                clusterNames.add(cluster == null || cluster.isNull() ? null : cluster.asText());
            }
        }
        int[] clusters = null;
        if (!clusterNames.isEmpty() && clusterNames.stream().allMatch(c -> c != null)) {
            Map<String, Integer> labels = new HashMap<>();
            clusters = new int[clusterNames.size()];
            for (int i = 0; i < clusters.length; i++) {
                clusters[i] = labels.computeIfAbsent(clusterNames.get(i), c -> labels.size());
            }
        }
        return new Corpus(ids, shingles, clusters, chars);
    }
}
