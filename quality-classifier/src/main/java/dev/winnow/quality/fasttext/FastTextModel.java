package dev.winnow.quality.fasttext;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A supervised fastText model in pure Java: reads and writes the C++ {@code .bin} format
 * (version 12, dense matrices), reads quantized {@code .ftz} models (expanded to dense rows; not
 * written back), and predicts label probabilities the way {@code fasttext
 * predict-prob} does: the input rows of the line (words, word n-grams, character n-grams) are
 * averaged into a hidden vector, and the output layer gives softmax (loss softmax) or sigmoid
 * (loss ns, ova) probabilities. Thread-safe for prediction.
 */
public final class FastTextModel {
    static final int MAGIC = 793712314;
    static final int VERSION = 12;

    private final FastTextArgs args;
    private final FastTextDictionary dictionary;
    /** Input embeddings: (words + buckets) × dim, row-major. */
    final float[] input;
    /** Output layer: labels × dim, row-major. */
    final float[] output;
    private final int dim;
    /**
     * Every input row already multiplied by the output layer (rows × labels). The output is
     * linear in the mean of the rows, so the mean of the projected rows gives the same logits
     * (up to float rounding) while reading 2 floats per row instead of 100: a 2-label model's
     * table is 16 MB and stays in cache, where the 800 MB input matrix cannot.
     */
    private volatile float[] projected;

    FastTextModel(FastTextArgs args, FastTextDictionary dictionary, float[] input, float[] output) {
        this.args = args;
        this.dictionary = dictionary;
        this.input = input;
        this.output = output;
        this.dim = args.dim();
    }

    public FastTextArgs args() {
        return args;
    }

    public FastTextDictionary dictionary() {
        return dictionary;
    }

    public static FastTextModel load(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            return read(in, file.toString());
        }
    }

    public static FastTextModel read(InputStream stream, String name) throws IOException {
        LittleEndianInput in = new LittleEndianInput(stream);
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(name + ": not a fastText model (magic " + magic + ")");
        }
        if (version != VERSION) {
            throw new IOException(name + ": fastText model version " + version + ", expected " + VERSION);
        }
        FastTextArgs args = FastTextArgs.read(in);
        if (args.model() != FastTextArgs.Kind.SUPERVISED) {
            throw new IOException(name + ": a " + args.model() + " model, not a supervised classifier");
        }
        if (args.loss() == FastTextArgs.Loss.HS) {
            throw new IOException(name + ": hierarchical-softmax models are not supported; train with -loss softmax");
        }
        FastTextDictionary dictionary = FastTextDictionary.read(args, in);
        // A quantized (.ftz) input matrix has the rows its pruned dictionary kept, not words + buckets.
        float[] input = in.readBool() ? QuantizedMatrix.readDense(in, -1, args.dim(), name)
                : readMatrix(in, (long) dictionary.words() + args.bucket(), args.dim(), name, "input");
        float[] output = in.readBool() ? QuantizedMatrix.readDense(in, dictionary.labels(), args.dim(), name)
                : readMatrix(in, dictionary.labels(), args.dim(), name, "output");
        return new FastTextModel(args, dictionary, input, output);
    }

    private static float[] readMatrix(LittleEndianInput in, long rows, int cols, String name, String which)
            throws IOException {
        long m = in.readLong();
        long n = in.readLong();
        if (m != rows || n != cols || m * n > Integer.MAX_VALUE - 8) {
            throw new IOException(name + ": " + which + " matrix is " + m + "×" + n + ", expected " + rows + "×" + cols);
        }
        float[] values = new float[(int) (m * n)];
        in.readFloats(values);
        return values;
    }

    public void save(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            write(out);
        }
    }

    public void write(OutputStream stream) throws IOException {
        if (dictionary.pruned()) {
            throw new IOException("a model read from .ftz has a pruned dictionary, which fastText only accepts with "
                    + "quantized matrices; Winnow writes .bin only, so keep the .ftz file");
        }
        LittleEndianOutput out = new LittleEndianOutput(stream);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        args.write(out);
        dictionary.write(out);
        out.writeByte(0); // not quantized
        out.writeLong(input.length / dim);
        out.writeLong(dim);
        out.writeFloats(input);
        out.writeByte(0);
        out.writeLong(output.length / dim);
        out.writeLong(dim);
        out.writeFloats(output);
        out.flush();
    }

    /**
     * Probability of each label (index as in the dictionary) for one line of text; all zero when
     * the line has no known input (fastText then predicts nothing).
     */
    public float[] predict(String line) {
        IntList rows = new IntList();
        dictionary.line(line, rows, null);
        float[] probabilities = new float[dictionary.labels()];
        if (rows.size() == 0) {
            return probabilities;
        }
        float[] projected = projected();
        int labels = probabilities.length;
        double[] sums = new double[labels];
        for (int r = 0; r < rows.size(); r++) {
            int base = rows.get(r) * labels;
            for (int l = 0; l < labels; l++) {
                sums[l] += projected[base + l];
            }
        }
        for (int l = 0; l < labels; l++) {
            probabilities[l] = (float) (sums[l] / rows.size());
        }
        if (args.loss() == FastTextArgs.Loss.SOFTMAX) {
            softmax(probabilities);
        } else {
            for (int label = 0; label < probabilities.length; label++) {
                probabilities[label] = sigmoid(probabilities[label]);
            }
        }
        return probabilities;
    }

    /** Probability of one label, by name ({@code __label__hq}); −1 when the model has no such label. */
    public double probability(String line, String label) {
        int id = dictionary.id(label);
        if (id < dictionary.words()) {
            return -1;
        }
        return predict(line)[id - dictionary.words()];
    }

    private float[] projected() {
        float[] table = projected;
        if (table == null) {
            synchronized (this) {
                table = projected;
                if (table == null) {
                    int labels = dictionary.labels();
                    int rows = input.length / dim;
                    table = new float[rows * labels];
                    for (int r = 0; r < rows; r++) {
                        for (int l = 0; l < labels; l++) {
                            double dot = 0;
                            for (int d = 0; d < dim; d++) {
                                dot += (double) input[r * dim + d] * output[l * dim + d];
                            }
                            table[r * labels + l] = (float) dot;
                        }
                    }
                    projected = table;
                }
            }
        }
        return table;
    }

    /** The hidden layer: the mean of the rows' input vectors (fastText's computeHidden). */
    static void averageRows(float[] input, int dim, int[] rows, float[] hidden) {
        java.util.Arrays.fill(hidden, 0f);
        for (int row : rows) {
            int base = row * dim;
            for (int d = 0; d < dim; d++) {
                hidden[d] += input[base + d];
            }
        }
        float scale = 1.0f / rows.length;
        for (int d = 0; d < dim; d++) {
            hidden[d] *= scale;
        }
    }

    /** Output-layer activations: one dot product per label. */
    static void logits(float[] output, int dim, float[] hidden, float[] out) {
        for (int label = 0; label < out.length; label++) {
            int base = label * dim;
            float dot = 0;
            for (int d = 0; d < dim; d++) {
                dot += output[base + d] * hidden[d];
            }
            out[label] = dot;
        }
    }

    private static final int MAX_SIGMOID = 8;
    private static final int SIGMOID_TABLE_SIZE = 512;
    private static final float[] SIGMOID_TABLE = new float[SIGMOID_TABLE_SIZE + 1];

    static {
        for (int i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
            double x = (i * 2.0 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
            SIGMOID_TABLE[i] = (float) (1.0 / (1.0 + Math.exp(-x)));
        }
    }

    /** fastText's sigmoid: a 512-step table on [−8, 8], so probabilities match the C++ ones. */
    static float sigmoid(float x) {
        if (x < -MAX_SIGMOID) {
            return 0f;
        }
        if (x > MAX_SIGMOID) {
            return 1f;
        }
        return SIGMOID_TABLE[(int) ((x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2)];
    }

    static void softmax(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        float sum = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.exp(values[i] - max);
            sum += values[i];
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= sum;
        }
    }
}
