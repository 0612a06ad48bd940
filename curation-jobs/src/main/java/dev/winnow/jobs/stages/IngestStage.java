package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.ingest.IngestLimits;
import dev.winnow.jobs.ingest.IngestSplit;
import dev.winnow.jobs.ingest.IngestSplitSize;
import dev.winnow.jobs.ingest.Reason;
import dev.winnow.jobs.ingest.SourceFiles;
import dev.winnow.jobs.ingest.html.JusTextExtractor;
import dev.winnow.jobs.ingest.html.JusTextParams;
import dev.winnow.jobs.run.Fingerprint;
import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.Stage;
import dev.winnow.jobs.run.StageContext;
import dev.winnow.jobs.run.StageManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.SerializableConfiguration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads every configured dataset into canonical documents. Each file (or byte range of a large
 * uncompressed line file) is one Spark task, so the output does not depend on the core count.
 */
public final class IngestStage implements Stage {
    public static final String NAME = "ingest";
    /** Metrics {@code source.<dataset>.files} and {@code .bytes}: the listing's size per dataset. */
    private static final String SOURCE = "source.";

    private List<SourceFiles.Listed> listing;

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SettingsText settings(StageContext context) {
        return new SettingsText().config(context.config(), "winnow.datasets").config(context.config(), "winnow.ingest");
    }

    @Override
    public String inputFingerprint(StageContext context) {
        Fingerprint f = Fingerprint.start();
        for (SourceFiles.Listed l : listing(context)) {
            f.add(l.dataset().name()).add(l.file()).add(l.length()).add(l.modified());
        }
        return f.hex();
    }

    /** Per dataset, the files listed and their bytes: what {@link #inputChanges} compares with the next run's. */
    @Override
    public Map<String, Long> metrics() {
        Map<String, Long> out = new TreeMap<>();
        if (listing != null) {
            sourceSizes(listing).forEach((d, fb) -> {
                out.put(SOURCE + d + ".files", fb[0]);
                out.put(SOURCE + d + ".bytes", fb[1]);
            });
        }
        return out;
    }

    @Override
    public List<String> inputChanges(StageManifest existing, StageContext context) {
        Map<String, Long> before = existing.metrics() == null ? Map.of() : existing.metrics();
        if (before.keySet().stream().noneMatch(k -> k.startsWith(SOURCE))) {
            return List.of(); // a manifest from before the sizes were recorded
        }
        Map<String, long[]> now = sourceSizes(listing(context));
        java.util.SortedSet<String> datasets = new java.util.TreeSet<>(now.keySet());
        before.keySet().stream().filter(k -> k.startsWith(SOURCE) && k.endsWith(".files"))
                .forEach(k -> datasets.add(k.substring(SOURCE.length(), k.length() - ".files".length())));
        List<String> out = new ArrayList<>();
        for (String d : datasets) {
            long[] n = now.getOrDefault(d, new long[2]);
            long files = before.getOrDefault(SOURCE + d + ".files", 0L);
            long bytes = before.getOrDefault(SOURCE + d + ".bytes", 0L);
            if (files != n[0] || bytes != n[1]) {
                out.add(String.format(java.util.Locale.ROOT, "datasets[%s]: %,d → %,d files, %,d → %,d bytes", d, files,
                        n[0], bytes, n[1]));
            }
        }
        if (out.isEmpty()) {
            out.add("the same number of files and bytes in every dataset: a file was rewritten, renamed or touched "
                    + "(its name or modification time differs)");
        }
        return out;
    }

    /** Dataset → {files, bytes}, in dataset order. */
    private static Map<String, long[]> sourceSizes(List<SourceFiles.Listed> listing) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (SourceFiles.Listed l : listing) {
            long[] fb = out.computeIfAbsent(l.dataset().name(), d -> new long[2]);
            fb[0]++;
            fb[1] += l.length();
        }
        return out;
    }

    @Override
    public void checkSettings(WinnowConfig config) {
        requireDatasets(config);
        StageSettings ingest = config.block(NAME);
        limits(ingest);
        JusTextParams html = htmlParams(ingest.sub("html"));
        List<String> languages = ingest.sub("html").getStringList("languages");
        ingest.build(() -> new JusTextExtractor(html, languages));
    }

    @Override
    public Dataset<Row> outcomes(StageContext context) {
        WinnowConfig config = context.config();
        StageSettings ingest = config.block(NAME);
        IngestLimits limits = limits(ingest);
        JusTextParams html = htmlParams(ingest.sub("html"));
        List<String> languages = ingest.sub("html").getStringList("languages");

        List<SourceFiles.Listed> files = listing(context);
        List<IngestSplit> splits = SourceFiles.splits(files, splitBytes(context.spark(), limits.splitBytes(), files));
        Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
        config.datasets().forEach(d -> datasets.put(d.name(), d));

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context.spark().sparkContext());
        Configuration hadoop = context.spark().sparkContext().hadoopConfiguration();
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        // One partition per split, in listing order: deterministic on any number of cores.
        JavaRDD<IngestSplit> tasks = jsc.parallelize(splits, Math.max(1, splits.size()));
        JavaRDD<InternalRow> rows = tasks.mapPartitions(new IngestPartition(datasets, limits, html, languages, conf));
        // Internal rows take the text's UTF-8 bytes as they are; the public createDataFrame wants
        // Strings, and the decode and encode cost a fifth of the stage. The method is Spark's own
        // (private[sql] in Scala, public to Java), on the classic session every Winnow run uses.
        return ((org.apache.spark.sql.classic.SparkSession) context.spark())
                .internalCreateDataFrame(rows.rdd(), Documents.withOutcome(Documents.INGESTED), false);
    }

    @Override
    public long inputCount(StageContext context, long outcomeRows) {
        // Ingest reads records, not rows: every record it met is one outcome row.
        return outcomeRows;
    }

    @Override
    public Set<String> fileLevelReasons() {
        return Arrays.stream(Reason.values()).filter(Reason::fileLevel).map(Reason::code).collect(Collectors.toSet());
    }

    /**
     * {@code split-bytes}, or less when the input is small ({@link IngestSplitSize}), from the
     * Spark settings that cut file sources the same way.
     */
    static long splitBytes(SparkSession spark, long configured, List<SourceFiles.Listed> files) {
        RuntimeConfig conf = spark.conf();
        long openCost = JavaUtils.byteStringAsBytes(conf.get("spark.sql.files.openCostInBytes", "4m"));
        String min = conf.contains("spark.sql.files.minPartitionNum") ? conf.get("spark.sql.files.minPartitionNum")
                : conf.get("spark.sql.leafNodeDefaultParallelism",
                        String.valueOf(spark.sparkContext().defaultParallelism()));
        return IngestSplitSize.of(configured, files.stream().map(SourceFiles.Listed::length).toList(), openCost,
                Integer.parseInt(min.trim()));
    }

    private List<SourceFiles.Listed> listing(StageContext context) {
        if (listing == null) {
            requireDatasets(context.config());
            Configuration hadoop = context.spark().sparkContext().hadoopConfiguration();
            List<SourceFiles.Listed> all = new ArrayList<>();
            for (DatasetSpec d : context.config().datasets()) {
                all.addAll(SourceFiles.list(d, hadoop));
            }
            listing = all;
        }
        return listing;
    }

    private static void requireDatasets(WinnowConfig config) {
        if (config.datasets().isEmpty()) {
            throw new ConfigError("winnow.datasets is empty: ingest has nothing to read");
        }
    }

    static IngestLimits limits(StageSettings s) {
        String utf8 = s.getString("invalid-utf8");
        if (!utf8.equals("reject") && !utf8.equals("replace")) {
            throw new ConfigError(s.path() + ".invalid-utf8: '" + utf8
                    + "' must be reject or replace");
        }
        long maxRecord = s.getBytes("max-record-bytes");
        long split = s.getBytes("split-bytes");
        double nul = s.getDouble("max-nul-fraction");
        return s.build(() -> new IngestLimits(maxRecord, split, utf8.equals("replace"), nul));
    }

    static JusTextParams htmlParams(StageSettings h) {
        int lengthLow = h.getInt("length-low");
        int lengthHigh = h.getInt("length-high");
        double stopLow = h.getDouble("stopwords-low");
        double stopHigh = h.getDouble("stopwords-high");
        double link = h.getDouble("max-link-density");
        int heading = h.getInt("max-heading-distance");
        boolean noHeadings = h.getBoolean("no-headings");
        return h.build(() -> new JusTextParams(lengthLow, lengthHigh, stopLow, stopHigh, link, heading, noHeadings));
    }
}
