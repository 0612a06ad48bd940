package dev.winnow.jobs.dedup;

import dev.winnow.dedup.BucketEdges;
import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.Jaccard;
import dev.winnow.dedup.MinHasher;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;
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
    /** Tasks of the signature step by {@link MinHasher.Loop}, counted by the executors. */
    private LongAccumulator[] loopCounters = new LongAccumulator[0];

    public NearDuplicateGraph(FuzzyParams params, int pairwise, UnaryOperator<Dataset<Row>> checkpoint) {
        this.params = params;
        this.pairwise = BucketEdges.checkedPairwise(pairwise);
        this.checkpoint = checkpoint;
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

    /** The tasks of the last {@link #candidateEdges} by the MinHash loop their JVM ran (absent: none). */
    public Map<MinHasher.Loop, Long> signatureTasks() {
        Map<MinHasher.Loop, Long> tasks = new EnumMap<>(MinHasher.Loop.class);
        for (int i = 0; i < loopCounters.length; i++) {
            if (loopCounters[i].value() > 0) {
                tasks.put(MinHasher.Loop.values()[i], loopCounters[i].value());
            }
        }
        return tasks;
    }

    /** Wall time of candidate edges, verification and components in the last {@link #groups}, ms. */
    public long[] phaseMillis() {
        return phaseMillis.clone();
    }

    /**
     * Distinct candidate edges {@code (SRC, DST)}: every pair of a bucket of at most
     * {@code pairwise} members, and for a larger bucket one edge from each member to a centre
     * ({@link BucketPartition}).
     */
    Dataset<Row> candidateEdges(Dataset<Row> docs) {
        MinHasher.Loop[] loops = MinHasher.Loop.values();
        LongAccumulator[] tasksByLoop = new LongAccumulator[loops.length];
        for (int i = 0; i < loops.length; i++) {
            tasksByLoop[i] = docs.sparkSession().sparkContext().longAccumulator("minhash loop " + loops[i]);
        }
        loopCounters = tasksByLoop;
        Dataset<Row> sketches = docs.select(col(Columns.NODE), col("text"), col(Columns.DRAW))
                .mapPartitions(new SketchPartition(params, tasksByLoop), Encoders.row(SketchPartition.SCHEMA))
                .filter(col(Columns.KEYS).isNotNull());
        Dataset<Row> bandRows = sketches.select(col(Columns.NODE), col(Columns.SIZE), col(Columns.DRAW),
                posexplode(col(Columns.KEYS)).as(new String[] {Columns.BAND, Columns.KEY}));
        // The centre is the member with the least hash of (draw, band), not the least node: with a
        // fixed centre, a pair B ~ C whose buckets also hold a dissimilar A would meet only A, in
        // every band, and verification would drop both edges every time; drawn per band, the
        // centre differs from band to band. From the document's own number, not its node: the
        // same documents then give the same centres however the input was split.
        Column draw = xxhash64(col(Columns.DRAW), col(Columns.BAND));
        // One shuffle by bucket and a sort that puts each bucket's centre first; the buckets then
        // stream through BucketPartition. An explicit number of partitions, which AQE leaves
        // alone: it would merge this shuffle by size (parallelismFirst is off for the output files'
        // sake) and leave the sort to one task below 64 MB of band rows. The edges are a set, so
        // how many partitions made them changes nothing downstream.
        return bandRows.repartition(bucketPartitions(docs.sparkSession()), col(Columns.BAND), col(Columns.KEY))
                .sortWithinPartitions(col(Columns.KEY), col(Columns.BAND), draw, col(Columns.NODE))
                .select(col(Columns.BAND), col(Columns.KEY), col(Columns.NODE), col(Columns.SIZE))
                .mapPartitions(new BucketPartition(pairwise, params.threshold()), Encoders.row(EDGE))
                .distinct();
    }

    /**
     * Partitions of the bucket shuffle: four per core, so that the sort and the buckets use them
     * all. Not {@code spark.sql.shuffle.partitions}: with Spark's default 200 (the whole stage
     * run with it) the 100k bench's candidate phase took 27 s instead of 8-10 s in local[2],
     * where small tasks cost more than they share out. A partition larger than its memory
     * spills, as any sort does.
     */
    static int bucketPartitions(org.apache.spark.sql.SparkSession spark) {
        return Math.max(1, 4 * spark.sparkContext().defaultParallelism());
    }

    static final StructType EDGE = new StructType()
            .add(Columns.SRC, DataTypes.LongType, false)
            .add(Columns.DST, DataTypes.LongType, false);

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
        // Sort-merge joins on both sides, never a broadcast of the (small) edge table: the two joins
        // then read one shuffle of the shingle sets (Spark reuses the exchange), and the sets are
        // computed once. A broadcast join of the edges with src (AQE's pick once the edge table's
        // estimate fell under 10 MB) recomputed them: 100k documents, 18.7 s of CPU against 12.5.
        Dataset<Row> src = shingles.select(col(Columns.NODE).as(Columns.SRC), col(Columns.SHINGLES).as("a"))
                .hint("merge");
        Dataset<Row> dst = shingles.select(col(Columns.NODE).as(Columns.DST), col(Columns.SHINGLES).as("b"))
                .hint("merge");
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
