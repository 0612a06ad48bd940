package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.quality.QualityParams;
import dev.winnow.jobs.quality.QualityTraining;
import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.StageContext;
import dev.winnow.quality.fasttext.FastTextTrainer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * The quality filter of GPT-3 and MT-NLG: a fastText classifier with word bigrams, trained on
 * curated versus raw web text (here, unless {@code quality.model} names one), scores every
 * document ({@code quality_score}); documents of the filtered datasets are kept by the Pareto
 * (α = 3) rule or a threshold, and rejected as {@code quality:<tenth of the score>}.
 */
public final class QualityStage extends BlockStage {
    public static final String NAME = "quality";
    /** Manifest metric: milliseconds of the model fit (on the driver) when the stage trains. */
    public static final String FIT_MS_METRIC = "train.fit_ms";
    /** Manifest metric: the fit's threads. */
    public static final String FIT_THREADS_METRIC = "train.fit_threads";

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    /** Manifest files: the model the stage trained, and its held-out report. */
    public static final String MODEL_FILE = "model";
    public static final String MODEL_REPORT_FILE = "model-report";

    private Map<String, Long> metrics = Map.of();
    private Map<String, String> files = Map.of();

    public QualityStage() {
        super(NAME);
    }

    @Override
    public Map<String, Long> metrics() {
        return metrics;
    }

    @Override
    public Map<String, String> files() {
        return files;
    }

    @Override
    public void checkSettings(WinnowConfig config) {
        params(config.block(NAME), config);
    }

    /**
     * The settings and, where {@code model} names a file, that file's length and modification
     * time: a new model written over the same path reruns the stage (the path alone would not).
     * A model trained in the run needs no such line: it follows from the input and the settings.
     */
    @Override
    public SettingsText settings(StageContext context) {
        SettingsText settings = super.settings(context);
        String model = params(context.config().block(NAME), context.config()).model();
        if (model.isEmpty()) {
            return settings;
        }
        return settings.line("quality.model-file", "model file: ",
                modelFileStamp(model, context.spark().sparkContext().hadoopConfiguration()));
    }

    /** {@code "<length> bytes, modified <instant>"} of a model file on any Hadoop file system. */
    static String modelFileStamp(String model, Configuration conf) {
        try {
            Path path = new Path(model);
            FileStatus status = path.getFileSystem(conf).getFileStatus(path);
            if (!status.isFile()) {
                throw new ConfigError("winnow.quality: model = \"" + model + "\" is not a file");
            }
            return status.getLen() + " bytes, modified " + Instant.ofEpochMilli(status.getModificationTime());
        } catch (FileNotFoundException e) {
            throw new ConfigError("winnow.quality: model = \"" + model + "\" does not exist");
        } catch (IOException e) {
            throw new ConfigError("winnow.quality: model = \"" + model + "\" cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Dataset<Row> outcomes(StageContext context) {
        QualityParams params = params(context.config().block(NAME), context.config());
        Dataset<Row> input = context.input();
        String modelFile = params.model();
        if (modelFile.isEmpty()) {
            int threads = fitThreads(params.threads(), context.spark().sparkContext());
            QualityTraining.Trained trained = QualityTraining.train(input, params, threads, context.layout());
            modelFile = trained.model();
            String name = new Path(modelFile).getName();
            files = Map.of(MODEL_FILE, QualityTraining.MODELS_FOLDER + "/" + name,
                    MODEL_REPORT_FILE, QualityTraining.MODELS_FOLDER + "/" + QualityTraining.reportName(name));
            // The fit runs on the driver alone, not on the executors: reported apart.
            metrics = Map.of("train.positive_documents", trained.positives(), "train.negative_documents",
                    trained.negatives(), "train.collect_ms", trained.collectMs(), FIT_MS_METRIC, trained.fitMs(),
                    FIT_THREADS_METRIC, (long) threads);
        }
        context.spark().sparkContext().addFile(modelFile);
        String fileName = new Path(modelFile).getName();
        return OutcomeProjection.of(input, udf(new QualityOutcome(params, fileName), QualityOutcome.TYPE),
                new Column[] {col(Documents.ID), col(Documents.DATASET), col(Documents.TEXT)}, Map.of(),
                List.of(Documents.QUALITY_SCORE));
    }

    /**
     * The fit's threads: as configured, else the driver's cores as Spark was told them
     * ({@code spark.driver.cores}, or N of {@code local[N]}), else the machine's processors;
     * never more than the processors. The model does not depend on it.
     */
    static int fitThreads(int configured, org.apache.spark.SparkContext sc) {
        int processors = Runtime.getRuntime().availableProcessors();
        int threads = configured > 0 ? configured
                : sc.conf().contains("spark.driver.cores") ? sc.conf().getInt("spark.driver.cores", 1)
                : sc.isLocal() ? sc.defaultParallelism() : processors;
        return Math.max(1, Math.min(threads, processors));
    }

    static QualityParams params(StageSettings s, WinnowConfig config) {
        String model = s.getString("model");
        var positive = s.getStringList("positive");
        var negative = s.getStringList("negative");
        var filtered = s.getStringList("datasets");
        String keep = s.getString("keep");
        double alpha = s.getDouble("alpha");
        double threshold = s.getDouble("threshold");
        long seed = s.getInt("seed");
        StageSettings t = s.sub("train");
        int dim = t.getInt("dim");
        double lr = t.getDouble("lr");
        int epoch = t.getInt("epoch");
        int wordNgrams = t.getInt("word-ngrams");
        int bucket = t.getInt("bucket");
        int block = t.getInt("block");
        int threads = t.getInt("threads");
        double validation = t.getDouble("validation");
        int maxDocs = t.getInt("max-docs");
        return s.build(() -> new QualityParams(model, positive, negative, filtered, keep, alpha, threshold, seed,
                new FastTextTrainer.Settings(dim, lr, epoch, wordNgrams, bucket, 1, 0, 0, seed, block), threads,
                validation, maxDocs)
                .checkedAgainst(config.datasets().stream().map(DatasetSpec::name).toList()));
    }
}
