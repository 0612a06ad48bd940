package dev.winnow.jobs.stages;

import dev.winnow.dedup.decontam.DecontaminationParams;
import dev.winnow.dedup.decontam.TaskExample;
import dev.winnow.dedup.decontam.TaskNgramIndex;
import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.decontam.Contamination;
import dev.winnow.jobs.decontam.TaskCorpus;
import dev.winnow.jobs.decontam.TaskSets;
import dev.winnow.jobs.decontam.TaskSpec;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.StageContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Removes downstream-task text from the training documents (MT-NLG, after Megatron's
 * {@code filter_ngrams.py}). A counting pass finds in how many documents each task n-gram occurs;
 * n-grams in {@code frequent-documents} or more are ignored. The cutting pass removes every other
 * match with its context ({@link dev.winnow.dedup.decontam.ContaminationCutter}): a document
 * becomes its remaining pieces {@code <id>#<k>}; short pieces and documents left in too many
 * pieces (or none) are rejected as {@code contaminated:<task>}.
 *
 * <p>Side tables: {@code contamination/decontaminate/} (per cut document: tasks, n-grams and
 * offsets, cuts, characters removed per task) and {@code frequent-ngrams/decontaminate/} (the
 * n-grams ignored, with their document counts). Per-task figures go to the manifest's metrics.
 */
public final class DecontaminateStage extends BlockStage {
    public static final String NAME = "decontaminate";

    private static final StructType FREQUENT = new StructType()
            .add("ngram", DataTypes.StringType, false)
            .add("tasks", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("example", DataTypes.StringType, true)
            .add("documents", DataTypes.LongType, false);

    private final Map<String, Long> metrics = new LinkedHashMap<>();
    private Loaded loaded;

    /** The task sets read for one configuration (settings and outcomes both need them). */
    private record Loaded(String configKey, List<TaskSets.Loaded> sets, TaskCorpus corpus) {
    }

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    public DecontaminateStage() {
        super(NAME);
    }

    /** The settings and the task list; the task files are read when the stage runs. */
    @Override
    public void checkSettings(WinnowConfig config) {
        params(config.block(NAME));
        taskSpecs(config.block(NAME));
    }

    private static List<TaskSpec> taskSpecs(StageSettings block) {
        List<TaskSpec> specs = TaskSpec.parse(block);
        if (specs.isEmpty()) {
            throw new ConfigError("winnow." + NAME + ".tasks is empty: name the task sets to decontaminate "
                    + "against, e.g. tasks = [{ name = lambada, path = \"tasks/lambada_test.jsonl.gz\" }]");
        }
        return specs;
    }

    static DecontaminationParams params(StageSettings s) {
        int ngram = s.getInt("ngram");
        int minWords = s.getInt("min-words");
        int context = s.getInt("context-chars");
        String ends = s.getString("sentence-ends");
        int minPiece = s.getInt("min-piece-chars");
        int maxPieces = s.getInt("max-pieces");
        int frequent = s.getInt("frequent-documents");
        return s.build(() -> new DecontaminationParams(ngram, minWords, context, ends, minPiece, maxPieces, frequent));
    }

    private Loaded load(WinnowConfig config, org.apache.hadoop.conf.Configuration hadoop) {
        String key = config.render("winnow." + NAME);
        if (loaded == null || !loaded.configKey().equals(key)) {
            StageSettings block = config.block(NAME);
            DecontaminationParams params = params(block);
            List<TaskSpec> specs = taskSpecs(block);
            List<TaskSets.Loaded> sets = TaskSets.load(specs, hadoop);
            List<TaskExample> examples = new ArrayList<>();
            sets.forEach(l -> examples.addAll(l.examples()));
            loaded = new Loaded(key, sets, new TaskCorpus(examples, params));
        }
        return loaded;
    }

    /** The settings and the task examples themselves (by fingerprint): a changed task file reruns the stage. */
    @Override
    public SettingsText settings(StageContext context) {
        // Spark's Hadoop configuration: spark.hadoop.* settings (credentials, mounts) reach the task files.
        return super.settings(context).line("decontaminate.task-examples", "task examples ",
                load(context.config(), context.spark().sparkContext().hadoopConfiguration()).corpus().fingerprint());
    }

    @Override
    public Dataset<Row> outcomes(StageContext context) {
        metrics.clear();
        Loaded l = load(context.config(), context.spark().sparkContext().hadoopConfiguration());
        TaskCorpus corpus = l.corpus();
        long t0 = System.nanoTime();
        TaskNgramIndex index = corpus.index();
        metrics.put("index_ms", (System.nanoTime() - t0) / 1_000_000);
        DecontaminationParams params = corpus.params();
        for (TaskSets.Loaded set : l.sets()) {
            String t = "task." + set.spec().name();
            metrics.put(t + ".examples", (long) set.examples().size());
            metrics.put(t + ".skipped_lines", set.skippedLines());
            if (set.skippedLines() > 0) {
                System.err.printf("decontaminate: task %s: skipped %d lines (%s)%n", set.spec().name(),
                        set.skippedLines(), String.join("; ", set.skipped()));
            }
        }
        metrics.put("task_ngrams", (long) index.size());
        metrics.put("task_examples_too_short", (long) index.examplesTooShort());

        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(context.spark().sparkContext()).broadcast(corpus.toBytes());
        Dataset<Row> input = context.input();

        // Pass 1: in how many documents each task n-gram occurs.
        long t1 = System.nanoTime();
        List<Row> found = input.select(col(Documents.TEXT))
                .mapPartitions(new NgramCountPartition(shared, corpus.fingerprint()), Encoders.row(NgramCountPartition.SCHEMA))
                .groupBy(col(NgramCountPartition.KEY))
                .agg(sum(col(NgramCountPartition.DOCUMENTS)).as(NgramCountPartition.DOCUMENTS))
                .collectAsList();
        metrics.put("count_ms", (System.nanoTime() - t1) / 1_000_000);
        long[] frequent = frequentNgrams(context, index, params, found);

        // Pass 2: cut what is left.
        StructType out = Documents.withOutcome(input.schema())
                .add(Documents.UNIT, DataTypes.IntegerType, false)
                .add(CONTAMINATION, Contamination.SCHEMA, true);
        return input.mapPartitions(new DecontaminationPartition(shared, corpus.fingerprint(), frequent, input.schema()), Encoders.row(out));
    }

    static final String CONTAMINATION = "_contamination";

    /** Sorted hashes of the n-grams to ignore; writes them to {@code frequent-ngrams/}, counts matches per task. */
    private long[] frequentNgrams(StageContext context, TaskNgramIndex index, DecontaminationParams params, List<Row> found) {
        List<String> tasks = index.tasks();
        long[] distinct = new long[tasks.size()];
        long[] ignored = new long[tasks.size()];
        List<Long> frequent = new ArrayList<>();
        List<Row> table = new ArrayList<>();
        for (Row r : found) {
            long key = r.getLong(0);
            long documents = r.getLong(1);
            int e = index.entryOf(key);
            boolean isFrequent = params.isFrequent(documents);
            for (int t : index.tasksOf(e)) {
                (isFrequent ? ignored : distinct)[t]++;
            }
            if (isFrequent) {
                frequent.add(key);
                List<String> names = Arrays.stream(index.tasksOf(e)).mapToObj(tasks::get).toList();
                table.add(RowFactory.create(index.text(e), Contamination.seq(names), index.exampleId(e), documents));
            }
        }
        for (int t = 0; t < tasks.size(); t++) {
            metrics.put("task." + tasks.get(t) + ".ngrams_matched", distinct[t]);
            metrics.put("task." + tasks.get(t) + ".ngrams_frequent", ignored[t]);
        }
        metrics.put("frequent_ngrams", (long) frequent.size());
        RunLayout layout = context.layout();
        context.spark().createDataFrame(table, FREQUENT).orderBy(col("documents").desc(), col("ngram"))
                .coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(layout.pendingTableDir("frequent-ngrams", NAME).toString());
        return frequent.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Override
    public void writeSideTables(StageContext context, Dataset<Row> outcomes) {
        String dir = context.layout().pendingTableDir("contamination", NAME).toString();
        outcomes.filter(col(CONTAMINATION).isNotNull()).select(col(CONTAMINATION + ".*"))
                .orderBy(col(Contamination.ID)).write().mode(SaveMode.Overwrite).parquet(dir);
        Dataset<Row> table = context.spark().read().parquet(dir);
        Row totals = table.agg(count(lit(1)), sum(col(Contamination.MATCH_COUNT)), sum(col(Contamination.PIECES_KEPT)),
                sum(col(Contamination.PIECES_DROPPED)), sum(col(Contamination.CHARS_REMOVED)),
                count(col(Contamination.DROPPED))).first();
        metrics.put("documents_touched", totals.getLong(0));
        metrics.put("matches", totals.isNullAt(1) ? 0 : totals.getLong(1));
        metrics.put("pieces_kept", totals.isNullAt(2) ? 0 : totals.getLong(2));
        metrics.put("pieces_dropped", totals.isNullAt(3) ? 0 : totals.getLong(3));
        metrics.put("chars_removed", totals.isNullAt(4) ? 0 : totals.getLong(4));
        metrics.put("documents_dropped", totals.getLong(5));
        for (String t : loaded.corpus().index().tasks()) {
            metrics.put("task." + t + ".documents", 0L);
            metrics.put("task." + t + ".matches", 0L);
            metrics.put("task." + t + ".chars_removed", 0L);
        }
        for (Row r : table.select(explode(col(Contamination.TASKS)).as("t")).groupBy("t").count().collectAsList()) {
            metrics.put("task." + r.getString(0) + ".documents", r.getLong(1));
        }
        for (Row r : table.select(explode(col(Contamination.MATCHES_BY_TASK))).groupBy("key").agg(sum("value")).collectAsList()) {
            metrics.put("task." + r.getString(0) + ".matches", r.getLong(1));
        }
        for (Row r : table.select(explode(col(Contamination.CHARS_REMOVED_BY_TASK))).groupBy("key").agg(sum("value")).collectAsList()) {
            metrics.put("task." + r.getString(0) + ".chars_removed", r.getLong(1));
        }
    }

    @Override
    public Map<String, Long> metrics() {
        return metrics;
    }
}
