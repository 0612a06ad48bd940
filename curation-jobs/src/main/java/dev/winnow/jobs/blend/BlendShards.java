package dev.winnow.jobs.blend;

import dev.winnow.blending.BlendManifest;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Writes the blend's shards: {@code <dataset>/shard-NNNNN.parquet} of {@code doc_id, tokens}.
 * A document's shard is {@code xxhash64(doc_id) mod shards(dataset)}, where a dataset gets
 * {@code ceil(tokens / shard-tokens)} shards: the same documents land in the same shard on any
 * cluster, without a global sort. Inside a shard, rows are ordered by {@code doc_id}. Spark
 * writes one file per shard (rows repartitioned by dataset and shard), which is then renamed to
 * its contract name; the executors put each shard's footer in canonical form ({@link CanonicalFooter}:
 * parquet-mr lists encodings in a JVM-dependent order) and compute its SHA-256.
 */
public final class BlendShards {
    static final String SHARD = "shard";

    private BlendShards() {
    }

    /** The shards of one dataset as written: path relative to the blend folder, rows, tokens, SHA-256. */
    public static Map<String, List<BlendManifest.Shard>> write(SparkSession spark, Dataset<Row> docs, String datasetCol,
                                                              String docIdCol, String tokensCol, String nTokensCol,
                                                              Map<String, Integer> shardsPerDataset, Path blendDir) {
        List<Column> map = new ArrayList<>();
        shardsPerDataset.forEach((d, n) -> {
            map.add(lit(d));
            map.add(lit((long) n));
        });
        Dataset<Row> sharded = docs
                .select(col(datasetCol).as("dataset"), col(docIdCol).as(BlendManifest.DOC_ID),
                        col(tokensCol).as(BlendManifest.TOKENS), col(nTokensCol).as("n_tokens"))
                .withColumn(SHARD, pmod(xxhash64(col(BlendManifest.DOC_ID)),
                        element_at(org.apache.spark.sql.functions.map(map.toArray(new Column[0])), col("dataset"))));
        Map<String, long[]> counts = new TreeMap<>();
        for (Row r : sharded.groupBy(col("dataset"), col(SHARD)).agg(count(lit(1)), sum(col("n_tokens"))).collectAsList()) {
            counts.put(shardPath(r.getString(0), r.getLong(1)), new long[] {r.getLong(2), r.getLong(3)});
        }
        Path raw = new Path(blendDir, "_raw");
        sharded.repartition(col("dataset"), col(SHARD))
                .sortWithinPartitions(col("dataset"), col(SHARD), col(BlendManifest.DOC_ID))
                .drop("n_tokens")
                .write().mode(SaveMode.Overwrite).option("compression", "snappy")
                .partitionBy("dataset", SHARD).parquet(raw.toString());

        try {
            FileSystem fs = blendDir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            List<String> paths = new ArrayList<>(counts.keySet());
            for (String relative : paths) {
                String dataset = relative.substring(0, relative.indexOf('/'));
                long shard = Long.parseLong(relative.substring(relative.lastIndexOf('-') + 1, relative.indexOf(".parquet")));
                Path dir = new Path(raw, "dataset=" + dataset + "/" + SHARD + "=" + shard);
                List<Path> parts = new ArrayList<>();
                for (FileStatus f : fs.listStatus(dir)) {
                    if (f.getPath().getName().startsWith("part-")) {
                        parts.add(f.getPath());
                    }
                }
                if (parts.size() != 1) {
                    throw new IOException("shard " + relative + ": Spark wrote " + parts.size() + " files, expected one");
                }
                Path target = new Path(blendDir, relative);
                fs.mkdirs(target.getParent());
                if (!fs.rename(parts.get(0), target)) {
                    throw new IOException("cannot rename " + parts.get(0) + " to " + target);
                }
            }
            fs.delete(raw, true);
            Map<String, String> sha = checksums(spark, blendDir, paths);
            Map<String, List<BlendManifest.Shard>> out = new LinkedHashMap<>();
            for (String relative : paths) {
                long[] c = counts.get(relative);
                out.computeIfAbsent(relative.substring(0, relative.indexOf('/')), d -> new ArrayList<>())
                        .add(new BlendManifest.Shard(relative, c[0], c[1], sha.get(relative)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the blend shards under " + blendDir + ": " + e.getMessage(), e);
        }
    }

    /** {@code <dataset>/shard-NNNNN.parquet}. */
    public static String shardPath(String dataset, long shard) {
        return String.format("%s/shard-%05d.parquet", dataset, shard);
    }

    /** SHA-256 (hex) of each file after its footer is made canonical, computed where the executors are. */
    static Map<String, String> checksums(SparkSession spark, Path blendDir, List<String> relative) {
        if (relative.isEmpty()) {
            return Map.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        String base = blendDir.toString();
        List<String> hashed = jsc.parallelize(relative, Math.min(relative.size(), Math.max(1, jsc.defaultParallelism() * 2)))
                .map(r -> {
                    Path file = new Path(base, r);
                    // Same rows, same bytes, whichever executor wrote the shard (CanonicalFooter).
                    CanonicalFooter.apply(file.getFileSystem(conf.value().value()), file);
                    return r + "\t" + sha256(file, conf.value().value());
                })
                .collect();
        Map<String, String> out = new TreeMap<>();
        for (String line : hashed) {
            int tab = line.indexOf('\t');
            out.put(line.substring(0, tab), line.substring(tab + 1));
        }
        return out;
    }

    public static String sha256(Path file, org.apache.hadoop.conf.Configuration conf) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (FSDataInputStream in = file.getFileSystem(conf).open(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
