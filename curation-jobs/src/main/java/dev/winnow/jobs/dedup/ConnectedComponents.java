package dev.winnow.jobs.dedup;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.function.UnaryOperator;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

/**
 * Connected components of an edge table, computed in Spark without collecting anything to the
 * driver: the alternating large-star / small-star algorithm (Kiveris et al., "Connected
 * Components in MapReduce and Beyond", SoCC 2014). Each round links every node to the least
 * node of its neighbourhood; the graph shrinks to one star per component centred on the
 * component's least node, in O(log² n) rounds. Each round's edges are checkpointed, so the
 * lineage (and a recovery after a lost executor) stays one round long.
 */
public final class ConnectedComponents {
    private static final int MAX_ROUNDS = 100;

    private final UnaryOperator<Dataset<Row>> checkpoint;
    private int rounds;

    /** {@code checkpoint} materializes a round's edges and cuts their lineage. */
    public ConnectedComponents(UnaryOperator<Dataset<Row>> checkpoint) {
        this.checkpoint = checkpoint;
    }

    /**
     * {@code (node, group)} for every node that has an edge: group is the least node of its
     * component (the least node itself included). Edges are {@code (SRC, DST)} longs, any direction.
     */
    public Dataset<Row> of(Dataset<Row> edges) {
        Dataset<Row> e = checkpoint.apply(edges.select(col(Columns.SRC), col(Columns.DST))
                .filter(col(Columns.SRC).notEqual(col(Columns.DST))));
        rounds = 0;
        while (true) {
            if (++rounds > MAX_ROUNDS) {
                throw new IllegalStateException("connected components did not converge in " + MAX_ROUNDS + " rounds");
            }
            Dataset<Row> next = checkpoint.apply(smallStar(largeStar(e)));
            e.unpersist();
            e = next;
            if (isStarForest(e)) {
                break;
            }
        }
        // Converged: every edge is (member, least node of its component), oriented high -> low.
        Dataset<Row> members = e.select(col(Columns.SRC).as(Columns.NODE), col(Columns.DST).as(Columns.GROUP));
        Dataset<Row> roots = e.select(col(Columns.DST).as(Columns.NODE), col(Columns.DST).as(Columns.GROUP)).distinct();
        return members.union(roots);
    }

    /** Rounds of the last {@link #of} call. */
    public int rounds() {
        return rounds;
    }

    /** Every node links its larger neighbours to the least node of its closed neighbourhood. */
    static Dataset<Row> largeStar(Dataset<Row> e) {
        Dataset<Row> both = e.select(col(Columns.SRC).as("a"), col(Columns.DST).as("b"))
                .union(e.select(col(Columns.DST).as("a"), col(Columns.SRC).as("b")));
        Column m = least(col("a"), min(col("b")).over(Window.partitionBy(col("a"))));
        return both.withColumn("m", m)
                .filter(col("b").gt(col("a")))
                .select(col("b").as(Columns.SRC), col("m").as(Columns.DST))
                .distinct();
    }

    /** Every node links itself and its smaller neighbours to the least of them. */
    static Dataset<Row> smallStar(Dataset<Row> e) {
        Dataset<Row> oriented = e.select(greatest(col(Columns.SRC), col(Columns.DST)).as("hi"),
                least(col(Columns.SRC), col(Columns.DST)).as("lo"));
        Dataset<Row> withMin = oriented.withColumn("m", min(col("lo")).over(Window.partitionBy(col("hi"))));
        Dataset<Row> lows = withMin.filter(col("lo").notEqual(col("m")))
                .select(col("lo").as(Columns.SRC), col("m").as(Columns.DST));
        Dataset<Row> highs = withMin.select(col("hi").as(Columns.SRC), col("m").as(Columns.DST));
        return lows.union(highs).distinct();
    }

    /**
     * Stars around their least node: every edge points high -> low (true after small-star), no
     * node is both a member and a centre, and each member has one centre.
     */
    static boolean isStarForest(Dataset<Row> e) {
        // One pass: per node, how often it is a member (SRC) and whether it is a centre (DST).
        Dataset<Row> roles = e.select(col(Columns.SRC).as(Columns.NODE), lit(1).as("m"), lit(0).as("c"))
                .union(e.select(col(Columns.DST).as(Columns.NODE), lit(0).as("m"), lit(1).as("c")));
        return roles.groupBy(col(Columns.NODE)).agg(sum(col("m")).as("m"), max(col("c")).as("c"))
                .filter(col("m").gt(1).or(col("m").gt(0).and(col("c").gt(0))))
                .isEmpty();
    }
}
