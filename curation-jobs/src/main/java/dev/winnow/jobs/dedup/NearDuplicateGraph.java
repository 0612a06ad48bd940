package dev.winnow.jobs.dedup;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.Jaccard;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Fuzzy dedup up to the components: MinHash band keys per document, then for every LSH bucket
 * (band, key) of at most {@code pairwise} members an edge per pair, and for a larger one an edge
 * from each member to a centre — a star, so a boilerplate bucket of n documents costs n edges,
 * never n² pairs — then, with {@code verify}, only edges whose two documents have shingle
 * Jaccard ≥ threshold, then connected components.
 */
public final class NearDuplicateGraph {
    private final FuzzyParams params;
    private final int pairwise;
    private final UnaryOperator<Dataset<Row>> checkpoint;
    private Dataset<Row> edges;
    private long candidateEdges;
    private long[] phaseMillis = new long[3];
    private long verifiedEdges;
    private int rounds;

    public NearDuplicateGraph(FuzzyParams params, int pairwise, UnaryOperator<Dataset<Row>> checkpoint) {
        this.params = params;
        this.pairwise = checkedPairwise(pairwise);
        this.checkpoint = checkpoint;
    }

    /** The largest bucket whose pairs are all edges; at least 1. */
    public static int checkedPairwise(int pairwise) {
        if (pairwise < 1) {
            throw new IllegalArgumentException("pairwise-bucket-size must be positive, got " + pairwise);
        }
        return pairwise;
    }

    /**
     * {@code (node, group)} for every document that has a near-duplicate; docs are
     * {@code (node, text, draw)} ({@link Columns#DRAW}).
     */
    public Dataset<Row> groups(Dataset<Row> docs) {
        long t0 = System.nanoTime();
        Dataset<Row> edges = checkpoint.apply(candidateEdges(docs));
        candidateEdges = edges.count();
        long t1 = System.nanoTime();
        if (params.verify()) {
            Dataset<Row> verified = verified(docs, edges);
            edges.unpersist();
            edges = verified;
        }
        verifiedEdges = edges.count();
        this.edges = edges;
        long t2 = System.nanoTime();
        ConnectedComponents components = new ConnectedComponents(checkpoint);
        Dataset<Row> groups = checkpoint.apply(components.of(edges));
        rounds = components.rounds();
        long t3 = System.nanoTime();
        phaseMillis = new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000};
        return groups;
    }

    /** Wall time of candidate edges, verification and components in the last {@link #groups}, ms. */
    public long[] phaseMillis() {
        return phaseMillis.clone();
    }

    /**
     * Distinct candidate edges {@code (SRC, DST)}: every pair of a bucket of at most
     * {@code pairwise} members, and for a larger bucket one edge from each member to a centre.
     */
    Dataset<Row> candidateEdges(Dataset<Row> docs) {
        Dataset<Row> sketches = docs.select(col(Columns.NODE), col("text"), col(Columns.DRAW))
                .mapPartitions(new SketchPartition(params), Encoders.row(SketchPartition.SCHEMA))
                .filter(col(Columns.KEYS).isNotNull());
        Dataset<Row> bandRows = sketches.select(col(Columns.NODE), col(Columns.SIZE), col(Columns.DRAW),
                posexplode(col(Columns.KEYS)).as(new String[] {Columns.BAND, Columns.KEY}));
        WindowSpec bucket = Window.partitionBy(col(Columns.BAND), col(Columns.KEY));
        // The centre is the member with the least hash of (draw, band), not the least node: with a
        // fixed centre, a pair B ~ C whose buckets also hold a dissimilar A would meet only A, in
        // every band, and verification would drop both edges every time; drawn per band, the
        // centre differs from band to band. From the document's own number, not its node: the
        // same documents then give the same centres however the input was split.
        Column draw = xxhash64(col(Columns.DRAW), col(Columns.BAND));
        // Materialized once: the star and the pair branches both read it (else the signatures
        // would be computed twice).
        Dataset<Row> shared = checkpoint.apply(bandRows
                .withColumn(BUCKET_SIZE, count(lit(1)).over(bucket))
                .withColumn(CENTRE, min(struct(draw.as("d"), col(Columns.NODE).as("n"), col(Columns.SIZE).as("s")))
                        .over(bucket))
                .filter(col(BUCKET_SIZE).gt(1)));
        // Two sets of sizes a <= b have Jaccard at most a / b: pairs below the threshold by size
        // alone are never edges (exact, so it costs no recall).
        double t = params.threshold();
        Column centreSize = col(CENTRE).getField("s");
        Dataset<Row> stars = shared.filter(col(BUCKET_SIZE).gt(pairwise))
                .filter(col(Columns.NODE).notEqual(col(CENTRE).getField("n")))
                .filter(least(col(Columns.SIZE), centreSize).geq(greatest(col(Columns.SIZE), centreSize).multiply(t)))
                .select(least(col(CENTRE).getField("n"), col(Columns.NODE)).as(Columns.SRC),
                        greatest(col(CENTRE).getField("n"), col(Columns.NODE)).as(Columns.DST));
        // Small buckets link every pair: a member then meets every similar member of the bucket,
        // at a cost of at most `pairwise` edges per member and band.
        Dataset<Row> pairs = shared.filter(col(BUCKET_SIZE).leq(pairwise))
                .groupBy(col(Columns.BAND), col(Columns.KEY))
                .agg(sort_array(collect_list(struct(col(Columns.NODE), col(Columns.SIZE)))).as("m"))
                .flatMap(new AllPairs(t), Encoders.row(EDGE));
        return stars.union(pairs).distinct();
    }

    private static final String BUCKET_SIZE = "_bucket_size";
    private static final String CENTRE = "_centre";
    static final StructType EDGE = new StructType()
            .add(Columns.SRC, DataTypes.LongType, false)
            .add(Columns.DST, DataTypes.LongType, false);

    /** Every pair (i < j) of a bucket's members (node, size), sorted by node, whose sizes allow J ≥ t. */
    private static final class AllPairs implements FlatMapFunction<Row, Row> {
        private final double threshold;

        AllPairs(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public Iterator<Row> call(Row bucket) {
            List<Row> m = bucket.getList(bucket.fieldIndex("m"));
            List<Row> out = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                int si = m.get(i).getInt(1);
                for (int j = i + 1; j < m.size(); j++) {
                    int sj = m.get(j).getInt(1);
                    if (Math.min(si, sj) >= threshold * Math.max(si, sj)) {
                        out.add(RowFactory.create(m.get(i).getLong(0), m.get(j).getLong(0)));
                    }
                }
            }
            return out.iterator();
        }
    }

    /**
     * The edges whose documents' shingle sets have Jaccard ≥ threshold, materialized; shingles
     * only for edge ends.
     */
    Dataset<Row> verified(Dataset<Row> docs, Dataset<Row> edges) {
        Dataset<Row> ends = checkpoint.apply(edges.select(col(Columns.SRC).as(Columns.NODE))
                .union(edges.select(col(Columns.DST).as(Columns.NODE))).distinct());
        // Not materialized, though both sides of the join read it: keeping the sets was not faster
        // than computing them twice (one run each, 100k generated documents: 11.9 s against 10.2 s).
        Dataset<Row> shingles = docs.select(col(Columns.NODE), col("text"))
                .join(Broadcasts.ifSmall(ends), Columns.NODE)
                .mapPartitions(new ShinglePartition(params), Encoders.row(ShinglePartition.SCHEMA));
        UserDefinedFunction jaccard = udf((UDF2<byte[], byte[], Double>) (a, b) ->
                Jaccard.of(ShinglePartition.unpack(a), ShinglePartition.unpack(b)), DataTypes.DoubleType);
        Dataset<Row> src = shingles.select(col(Columns.NODE).as(Columns.SRC), col(Columns.SHINGLES).as("a"));
        Dataset<Row> dst = shingles.select(col(Columns.NODE).as(Columns.DST), col(Columns.SHINGLES).as("b"));
        Dataset<Row> verified = checkpoint.apply(edges.join(src, Columns.SRC).join(dst, Columns.DST)
                .filter(jaccard.apply(col("a"), col("b")).geq(params.threshold()))
                .select(col(Columns.SRC), col(Columns.DST)));
        ends.unpersist();
        return verified;
    }

    /** The edges components were computed from (verified ones with verify), after {@link #groups}. */
    public Dataset<Row> edges() {
        return edges;
    }

    public long candidateEdges() {
        return candidateEdges;
    }

    public long verifiedEdges() {
        return verifiedEdges;
    }

    public int rounds() {
        return rounds;
    }
}
