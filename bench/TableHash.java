import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Order-independent content of Parquet tables: rows, and the sum of xxhash64 over all columns
 * (sorted by name). Two runs' outputs with the same rows print the same; other rows print
 * otherwise unless 64-bit row hashes collide. Launched by bench/table-hash.sh.
 */
public class TableHash {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("table-hash")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        for (String path : args) {
            Dataset<Row> t = spark.read().parquet(path);
            String[] names = t.columns();
            Arrays.sort(names);
            Column[] cols = Arrays.stream(names).map(n -> col("`" + n + "`")).toArray(Column[]::new);
            Row r = t.agg(count("*"), sum(xxhash64(cols).cast("decimal(38,0)"))).first();
            System.out.println(path + " rows " + r.get(0) + " hash " + r.get(1) + " columns " + String.join(",", names));
        }
        spark.stop();
    }
}
