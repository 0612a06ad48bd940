package dev.winnow.jobs.dedup;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.JaccardJoin;
import dev.winnow.dedup.PairMetrics;
import dev.winnow.dedup.Shingler;
import dev.winnow.dedup.SimilarPairs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs fuzzy dedup's Spark algorithm on an evaluation corpus and compares its duplicate groups
 * with the truth: every pair of documents with shingle Jaccard ≥ threshold (an exact join), or
 * gold pairs. A predicted pair is two documents in one component, the relation dedup acts on.
 */
public final class DedupEvaluation {
    /** How the documents are spread over Spark tasks. */
    private static final int PARTITIONS = 16;

    private DedupEvaluation() {
    }

    /**
     * @param truthSource "exact Jaccard >= t" or "gold"
     * @param edges       the edges the algorithm drew (verified ones with verify) against the truth:
     *                    its precision is how often dedup calls two documents alike wrongly
     * @param pairs       pairs of documents in one component against the truth: its recall is how
     *                    many true pairs end up in one group; its precision is lower than the
     *                    edges' because components are closed under "near-duplicate of a
     *                    near-duplicate" (A ~ B ~ C puts A and C together even when J(A, C) < t)
     */
    public record Report(FuzzyParams params, int pairwise, int documents, String truthSource, long truthPairs, double truthSeconds,
                         long candidateEdges, long verifiedEdges, int rounds, int components, int documentsInComponents,
                         double seconds, long[] phaseMillis, PairMetrics.Result edges, PairMetrics.Result pairs) {

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "params: %s %d-grams, %d bands x %d rows, threshold %.2f, verify %s, seed %d",
                    params.unit(), params.shingle(), params.bands(), params.rows(), params.threshold(), params.verify(),
                    params.seed()));
            out.add("documents: " + documents);
            out.add(String.format(Locale.ROOT, "truth: %s, %d pairs (%.1f s)", truthSource, truthPairs, truthSeconds));
            out.add(String.format(Locale.ROOT, "winnow: %d candidate edges, %d verified, %d component rounds, "
                    + "%d components with %d documents (%.1f s)", candidateEdges, verifiedEdges, rounds, components,
                    documentsInComponents, seconds));
            out.add(String.format(Locale.ROOT, "phases: candidates %.1f s, verification %.1f s, components %.1f s",
                    phaseMillis[0] / 1e3, phaseMillis[1] / 1e3, phaseMillis[2] / 1e3));
            out.add(String.format(Locale.ROOT, "bucket pairs up to: %d members", pairwise));
            out.add(line("edges", edges));
            out.add(line("component pairs", pairs));
            out.add(String.format(Locale.ROOT, "precision: %.4f", edges.precision()));
            out.add(String.format(Locale.ROOT, "recall: %.4f", pairs.recall()));
            return out;
        }
    }

    private static String line(String what, PairMetrics.Result r) {
        return String.format(Locale.ROOT, "%s: %d, true positives %d, false positives %d, false negatives %d, "
                + "precision %.4f, recall %.4f", what, r.predicted(), r.truePositives(), r.falsePositives(),
                r.falseNegatives(), r.precision(), r.recall());
    }

    /** Against gold pairs when {@code gold} is not null, else against the exact Jaccard join. */
    public static Report run(SparkSession spark, EvalCorpus corpus, FuzzyParams params, int pairwise, long[] gold,
                             int threads) {
        String source;
        long[] truth;
        double truthSeconds = 0;
        if (gold != null) {
            source = "gold";
            truth = gold;
        } else {
            long t0 = System.nanoTime();
            Shingler shingler = params.shingler();
            List<long[]> sets = new ArrayList<>(corpus.size());
            for (String text : corpus.texts()) {
                sets.add(shingler.shingles(text));
            }
            SimilarPairs similar = JaccardJoin.selfJoin(sets, params.threshold(), threads);
            truth = new long[similar.size()];
            for (int k = 0; k < truth.length; k++) {
                truth[k] = similar.pair(k);
            }
            truthSeconds = (System.nanoTime() - t0) / 1e9;
            source = String.format(Locale.ROOT, "exact Jaccard >= %.2f", params.threshold());
        }

        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>(corpus.size());
        for (int i = 0; i < corpus.size(); i++) {
            // The corpus index is fixed by the file: it serves as the node and as the centre draw.
            rows.add(RowFactory.create((long) i, corpus.texts().get(i), (long) i));
        }
        StructType schema = new StructType().add(Columns.NODE, DataTypes.LongType, false)
                .add("text", DataTypes.StringType, false)
                .add(Columns.DRAW, DataTypes.LongType, false);
        Dataset<Row> docs = spark.createDataFrame(rows, schema).repartition(PARTITIONS).localCheckpoint(true);
        NearDuplicateGraph graph = new NearDuplicateGraph(params, pairwise, d -> d.localCheckpoint(true));
        List<Row> groups = graph.groups(docs).collectAsList();
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Row> edgeRows = graph.edges().collectAsList();
        long[] edgeKeys = new long[edgeRows.size()];
        for (int k = 0; k < edgeKeys.length; k++) {
            edgeKeys[k] = PairMetrics.key((int) edgeRows.get(k).getLong(0), (int) edgeRows.get(k).getLong(1));
        }
        PairMetrics.Result edges = PairMetrics.compare(PairMetrics.pairSet(edgeKeys, edgeKeys.length), truth);

        // A singleton's label is its own index; a member's is its component's least node.
        int[] labels = new int[corpus.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i;
        }
        java.util.Set<Long> roots = new java.util.HashSet<>();
        for (Row g : groups) {
            labels[(int) g.getLong(0)] = (int) g.getLong(1);
            roots.add(g.getLong(1));
        }
        PairMetrics.Result pairs = PairMetrics.compare(labels, truth);
        return new Report(params, pairwise, corpus.size(), source, truth.length, truthSeconds, graph.candidateEdges(),
                graph.verifiedEdges(), graph.rounds(), roots.size(), groups.size(), seconds, graph.phaseMillis(), edges, pairs);
    }
}
