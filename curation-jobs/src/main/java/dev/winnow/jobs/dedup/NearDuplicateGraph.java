package dev.winnow.jobs.dedup;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.Jaccard;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.udf;

/**
 * Fuzzy dedup up to the components: MinHash band keys per document, then for every LSH bucket
 * (band, key) one edge from each member to the bucket's least node — a star, so a boilerplate
 * bucket of n documents costs n edges, never n² pairs — then, with {@code verify}, only edges
 * whose two documents have shingle Jaccard ≥ threshold, then connected components.
 */
public final class NearDuplicateGraph {
    private final FuzzyParams params;
    private final UnaryOperator<Dataset<Row>> checkpoint;
    private long candidateEdges;
    private long verifiedEdges;
    private int rounds;

    public NearDuplicateGraph(FuzzyParams params, UnaryOperator<Dataset<Row>> checkpoint) {
        this.params = params;
        this.checkpoint = checkpoint;
    }

    /** {@code (node, group)} for every document that has a near-duplicate; docs are {@code (node, text)}. */
    public Dataset<Row> groups(Dataset<Row> docs) {
        Dataset<Row> edges = checkpoint.apply(candidateEdges(docs));
        candidateEdges = edges.count();
        if (params.verify()) {
            Dataset<Row> verified = checkpoint.apply(verified(docs, edges));
            edges.unpersist();
            edges = verified;
        }
        verifiedEdges = edges.count();
        ConnectedComponents components = new ConnectedComponents(checkpoint);
        Dataset<Row> groups = components.of(edges);
        rounds = components.rounds();
        return groups;
    }

    /** Distinct star edges {@code (SRC = bucket's least node, DST = member)}. */
    Dataset<Row> candidateEdges(Dataset<Row> docs) {
        Dataset<Row> sketches = docs.select(col(Columns.NODE), col("text"))
                .mapPartitions(new SketchPartition(params), Encoders.row(SketchPartition.SCHEMA))
                .filter(col(Columns.KEYS).isNotNull());
        Dataset<Row> bandRows = sketches.select(col(Columns.NODE), posexplode(col(Columns.KEYS)).as(
                new String[] {Columns.BAND, Columns.KEY}));
        return bandRows
                .withColumn(Columns.SRC, min(col(Columns.NODE)).over(Window.partitionBy(col(Columns.BAND), col(Columns.KEY))))
                .filter(col(Columns.NODE).notEqual(col(Columns.SRC)))
                .select(col(Columns.SRC), col(Columns.NODE).as(Columns.DST))
                .distinct();
    }

    /** The edges whose documents' shingle sets have Jaccard ≥ threshold; shingles only for edge ends. */
    Dataset<Row> verified(Dataset<Row> docs, Dataset<Row> edges) {
        Dataset<Row> ends = edges.select(col(Columns.SRC).as(Columns.NODE))
                .union(edges.select(col(Columns.DST).as(Columns.NODE))).distinct();
        Dataset<Row> shingles = docs.select(col(Columns.NODE), col("text"))
                .join(ends, Columns.NODE)
                .mapPartitions(new ShinglePartition(params), Encoders.row(ShinglePartition.SCHEMA));
        UserDefinedFunction jaccard = udf((UDF2<byte[], byte[], Double>) (a, b) ->
                Jaccard.of(ShinglePartition.unpack(a), ShinglePartition.unpack(b)), DataTypes.DoubleType);
        Dataset<Row> src = shingles.select(col(Columns.NODE).as(Columns.SRC), col(Columns.SHINGLES).as("a"));
        Dataset<Row> dst = shingles.select(col(Columns.NODE).as(Columns.DST), col(Columns.SHINGLES).as("b"));
        return edges.join(src, Columns.SRC).join(dst, Columns.DST)
                .filter(jaccard.apply(col("a"), col("b")).geq(params.threshold()))
                .select(col(Columns.SRC), col(Columns.DST));
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
