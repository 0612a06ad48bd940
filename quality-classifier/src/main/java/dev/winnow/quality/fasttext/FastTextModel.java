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
    /** Input embeddings: (words + buckets) × dim. */
    final RowMatrix input;
    /** Output layer: labels × dim, row-major. */
    final float[] output;
    private final int dim;
    private volatile FastTextScorer scorer;

    FastTextModel(FastTextArgs args, FastTextDictionary dictionary, RowMatrix input, float[] output) {
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
        Header header = Header.read(in, name);
        // A quantized (.ftz) input matrix has the rows its pruned dictionary kept, not words + buckets.
        RowMatrix input = in.readBool() ? RowMatrix.of(QuantizedMatrix.readDense(in, -1, header.args().dim(), name),
                header.args().dim()) : readRows(in, header.inputRows(), header.args().dim(), name);
        return new FastTextModel(header.args(), header.dictionary(), input, readOutput(in, header, name));
    }

    /** What precedes the matrices: magic, version, arguments, dictionary. */
    record Header(FastTextArgs args, FastTextDictionary dictionary) {
        static Header read(LittleEndianInput in, String name) throws IOException {
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
                throw new IOException(name + ": hierarchical-softmax models are not supported; train with -loss "
                        + "softmax");
            }
            return new Header(args, FastTextDictionary.read(args, in));
        }

        /** Rows of a dense input matrix: one per word and per bucket. */
        long inputRows() {
            return (long) dictionary.words() + args.bucket();
        }
    }

    /** The output layer, dense or quantized: what follows the input matrix. */
    static float[] readOutput(LittleEndianInput in, Header header, String name) throws IOException {
        int labels = header.dictionary().labels();
        return in.readBool() ? QuantizedMatrix.readDense(in, labels, header.args().dim(), name)
                : readMatrix(in, labels, header.args().dim(), name, "output");
    }

    private static float[] readMatrix(LittleEndianInput in, long rows, int cols, String name, String which)
            throws IOException {
        readShape(in, rows, cols, name, which);
        float[] values = new float[(int) (rows * cols)];
        in.readFloats(values);
        return values;
    }

    private static RowMatrix readRows(LittleEndianInput in, long rows, int cols, String name) throws IOException {
        readShape(in, rows, cols, name, "input");
        RowMatrix m = new RowMatrix((int) rows, cols);
        for (int c = 0; c < m.chunkCount(); c++) {
            in.readFloats(m.chunkAt(c));
        }
        return m;
    }

    /** Reads a dense matrix's shape and fails unless it is {@code rows × cols}, with int-indexable floats. */
    static void readShape(LittleEndianInput in, long rows, int cols, String name, String which) throws IOException {
        long m = in.readLong();
        long n = in.readLong();
        if (m != rows || n != cols || m * n > Integer.MAX_VALUE - 8) {
            throw new IOException(name + ": " + which + " matrix is " + m + "×" + n + ", expected " + rows + "×" + cols);
        }
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
        out.writeLong(input.rows());
        out.writeLong(dim);
        for (int c = 0; c < input.chunkCount(); c++) {
            out.writeFloats(input.chunkAt(c));
        }
        out.writeByte(0);
        out.writeLong(output.length / dim);
        out.writeLong(dim);
        out.writeFloats(output);
        out.flush();
    }

    /**
     * Probability of each label (index as in the dictionary) for one line of text; all zero when
     * the line has no known input (fastText then predicts nothing). See {@link FastTextScorer}.
     */
    public float[] predict(String line) {
        return scorer().predict(line);
    }

    /** Probability of one label, by name ({@code __label__hq}); −1 when the model has no such label. */
    public double probability(String line, String label) {
        return scorer().probability(line, label);
    }

    /** This model's predictions, made once and kept. */
    public FastTextScorer scorer() {
        FastTextScorer s = scorer;
        if (s == null) {
            synchronized (this) {
                s = scorer;
                if (s == null) {
                    s = FastTextScorer.of(args, dictionary, input, output);
                    scorer = s;
                }
            }
        }
        return s;
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
