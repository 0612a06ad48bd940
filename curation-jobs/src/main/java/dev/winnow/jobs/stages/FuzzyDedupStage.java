package dev.winnow.jobs.stages;

import dev.winnow.dedup.BucketEdges;
import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.MinHasher;
import dev.winnow.dedup.ShingleUnit;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.dedup.Columns;
import dev.winnow.jobs.dedup.NearDuplicateGraph;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.StageContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Fuzzy deduplication (MT-NLG): MinHash over shingles, LSH bands, star edges per bucket,
 * optional verification by exact Jaccard, connected components; one document kept per
 * component by dataset priority, the rest rejected as {@code fuzzy-dup:<representative id>}.
 */
public final class FuzzyDedupStage extends DedupStage {
    public static final String NAME = "fuzzy-dedup";

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    public FuzzyDedupStage() {
        super(NAME, "fuzzy-dup");
    }

    @Override
    public void checkSettings(WinnowConfig config) {
        super.checkSettings(config);
        params(config.block(NAME));
        pairwise(config.block(NAME));
    }

    @Override
    Dataset<Row> groups(StageContext context, Dataset<Row> docs, UnaryOperator<Dataset<Row>> checkpoint) {
        FuzzyParams params = params(context.config().block(NAME));
        NearDuplicateGraph graph = new NearDuplicateGraph(params, pairwise(context.config().block(NAME)), checkpoint);
        Dataset<Row> groups = graph.groups(docs.select(col(Columns.NODE), col(Documents.TEXT),
                xxhash64(col(Documents.ID)).as(Columns.DRAW)));
        metrics.put("candidate_edges", graph.candidateEdges());
        metrics.put("verified_edges", graph.verifiedEdges());
        metrics.put("component_rounds", (long) graph.rounds());
        long[] ms = graph.phaseMillis();
        metrics.put("candidate_ms", ms[0]);
        metrics.put("verify_ms", ms[1]);
        metrics.put("components_ms", ms[2]);
        Map<MinHasher.Loop, Long> tasks = graph.signatureTasks();
        metrics.put("minhash_vector_tasks", tasks.getOrDefault(MinHasher.Loop.VECTOR, 0L));
        metrics.put("minhash_scalar_tasks", tasks.entrySet().stream()
                .filter(e -> e.getKey() != MinHasher.Loop.VECTOR).mapToLong(Map.Entry::getValue).sum());
        long withoutModule = tasks.getOrDefault(MinHasher.Loop.SCALAR_NO_MODULE, 0L);
        if (withoutModule > 0) {
            System.err.println(noVectorModuleWarning(withoutModule));
        }
        return groups;
    }

    /** What an operator whose executors lack the Vector API module reads, and what to do. */
    private static String noVectorModuleWarning(long tasks) {
        return "winnow: " + NAME + ": " + tasks + " signature task(s) ran MinHash's scalar loop, 2-7x slower, because "
                + "their JVM was started without --add-modules=jdk.incubator.vector; add it to "
                + "spark.executor.extraJavaOptions";
    }

    /** Buckets of up to this many documents link every pair; larger ones link members to a centre. */
    public static int pairwise(StageSettings s) {
        int n = s.getInt("pairwise-bucket-size");
        return s.build(() -> BucketEdges.checkedPairwise(n));
    }

    public static FuzzyParams params(StageSettings s) {
        StageSettings shingle = s.sub("shingle");
        String unit = shingle.getString("unit");
        int size = shingle.getInt("size");
        int bands = s.getInt("bands");
        int rows = s.getInt("rows");
        double threshold = s.getDouble("threshold");
        boolean verify = s.getBoolean("verify");
        long seed = s.getInt("seed");
        return s.build(() -> new FuzzyParams(ShingleUnit.parse(unit), size, bands, rows, threshold, verify, seed));
    }
}
