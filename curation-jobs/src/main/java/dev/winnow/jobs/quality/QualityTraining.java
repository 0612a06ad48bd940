package dev.winnow.jobs.quality;

import dev.winnow.jobs.run.RunLayout;
import dev.winnow.quality.QualityModelTraining;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Trains the quality model inside a run: the positive and negative datasets' documents (at most
 * {@code max-train-docs} each, the same sample every time: {@link TrainingSample}) are
 * prepared on the executors, collected, and trained on by the driver's threads. The model and its
 * held-out report go to {@code <run>/models/}.
 */
public final class QualityTraining {
    private QualityTraining() {
    }

    /** The run's folder of trained models. */
    public static final String MODELS_FOLDER = "models";

    /** The held-out report written beside model {@code quality-<hash>.bin}: {@code quality-<hash>.eval.txt}. */
    public static String reportName(String modelName) {
        return modelName.replaceFirst("\\.bin$", "") + ".eval.txt";
    }

    /**
     * Trains, writes and returns the model. The file is named by the hash of its
     * bytes: Spark distributes it by name (addFile), and refuses a second file of the same name
     * with other contents in one application.
     */
    public static Trained train(Dataset<Row> input, QualityParams params, int threads, RunLayout layout) {
        long t0 = System.nanoTime();
        FitMemory.requireRoomForWeights(params.train(), Runtime.getRuntime().maxMemory());
        List<List<String>> sample = TrainingSample.texts(input, List.of(params.positive(), params.negative()),
                params.maxTrainDocs());
        int positives = sample.get(0).size();
        int negatives = sample.get(1).size();
        long t1 = System.nanoTime();
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("quality: no documents to train on (" + positives
                    + " positive, " + negatives + " negative reached this stage)");
        }
        List<String> lines = QualityModelTraining.lines(sample.get(0), sample.get(1));
        sample = null; // the training takes the lines over and lets their texts go before the weights
        QualityModelTraining.Result r;
        try {
            r = QualityModelTraining.trainOnLines(lines, params.train(), params.validation(), params.seed(), threads);
        } catch (OutOfMemoryError e) {
            throw FitMemory.shortOfMemory(e, params, positives + negatives);
        }
        long t2 = System.nanoTime();
        Path dir = new Path(layout.root(), MODELS_FOLDER);
        try {
            layout.fs().mkdirs(dir);
            Path pending = new Path(dir, "quality.bin.pending");
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            try (OutputStream out = new DigestOutputStream(layout.fs().create(pending, true), sha1)) {
                r.model().write(out);
            }
            String name = "quality-" + HexFormat.of().formatHex(sha1.digest()).substring(0, 16);
            Path model = new Path(dir, name + ".bin");
            layout.fs().delete(model, false);
            if (!layout.fs().rename(pending, model)) {
                throw new IOException("cannot rename " + pending + " to " + model);
            }
            List<String> report = new java.util.ArrayList<>(List.of("positive_documents: " + positives,
                    "negative_documents: " + negatives, "trained_on: " + r.trained(),
                    "held_out: " + r.held()));
            report.addAll(r.validation().report());
            try (FSDataOutputStream out = layout.fs().create(new Path(dir, reportName(model.getName())), true)) {
                out.write((String.join("\n", report) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return new Trained(model.toString(), positives, negatives, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quality model to " + dir, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A model trained in the run: its file (a Hadoop path string), the documents per class, and
     * the time spent collecting them (Spark) and fitting (the driver's threads; deterministic
     * whatever their number, unlike fastText's lock-free threads).
     */
    public record Trained(String model, long positives, long negatives, long collectMs, long fitMs) {
    }
}
