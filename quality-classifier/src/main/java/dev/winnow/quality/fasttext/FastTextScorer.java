package dev.winnow.quality.fasttext;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A supervised fastText model's predictions, as {@code fasttext predict-prob} makes them, from a
 * table of every input row already multiplied by the output layer (rows × labels). The output is
 * linear in the mean of a line's rows, so the mean of their projected rows gives the same logits
 * (up to float rounding) while reading {@code labels} floats per row instead of {@code dim}.
 *
 * <p>The table is all prediction needs. For a 2-label quality model at 2,000,000 buckets it is
 * 16 MB where the input matrix is 800 MB, so {@link #load} streams the input matrix from the file
 * a few rows at a time and never holds it: executors that only score need a heap for the table,
 * not for the model. Thread-safe.
 */
public final class FastTextScorer {
    private final FastTextArgs args;
    private final FastTextDictionary dictionary;
    /** Input row r's logits at {@code r * labels}. */
    private final float[] projected;

    private FastTextScorer(FastTextArgs args, FastTextDictionary dictionary, float[] projected) {
        this.args = args;
        this.dictionary = dictionary;
        this.projected = projected;
    }

    /** The scorer of a model in memory. */
    static FastTextScorer of(FastTextArgs args, FastTextDictionary dictionary, RowMatrix input, float[] output) {
        int dim = args.dim();
        int labels = dictionary.labels();
        int rows = input.rows();
        float[] table = new float[Math.multiplyExact(rows, labels)];
        for (int r = 0; r < rows; r++) {
            project(input.chunk(r), input.offset(r), output, dim, labels, table, r * labels);
        }
        return new FastTextScorer(args, dictionary, table);
    }

    /**
     * The scorer of a model file, read without its input matrix: the output layer is read first
     * (it follows the input matrix), then the input rows are projected as they stream past.
     * Quantized ({@code .ftz}) input matrices are expanded as {@link FastTextModel#load} does.
     */
    public static FastTextScorer load(Path file) throws IOException {
        String name = file.toString();
        FastTextModel.Header header;
        long inputStart;
        float[] output;
        try (InputStream stream = open(file)) {
            LittleEndianInput in = new LittleEndianInput(stream);
            header = FastTextModel.Header.read(in, name);
            if (in.readBool()) {
                return FastTextModel.load(file).scorer();
            }
            FastTextModel.readShape(in, header.inputRows(), header.args().dim(), name, "input");
            inputStart = in.position();
            in.skip(header.inputRows() * header.args().dim() * Float.BYTES);
            output = FastTextModel.readOutput(in, header, name);
        }
        int dim = header.args().dim();
        int labels = header.dictionary().labels();
        int rows = (int) header.inputRows(); // readShape bounds rows × dim by an array's size
        float[] table = new float[Math.multiplyExact(rows, labels)];
        try (InputStream stream = open(file)) {
            LittleEndianInput in = new LittleEndianInput(stream);
            in.skip(inputStart);
            int chunkRows = Math.max(1, (1 << 16) / dim);
            float[] chunk = new float[chunkRows * dim];
            for (int first = 0; first < rows; first += chunkRows) {
                int n = Math.min(chunkRows, rows - first);
                in.readFloats(chunk, 0, n * dim);
                for (int i = 0; i < n; i++) {
                    project(chunk, i * dim, output, dim, labels, table, (first + i) * labels);
                }
            }
        }
        return new FastTextScorer(header.args(), header.dictionary(), table);
    }

    private static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 20);
    }

    /** One input row (at {@code from}) times each label's output row, summed in double as fastText's dot. */
    private static void project(float[] input, int from, float[] output, int dim, int labels, float[] table, int to) {
        for (int l = 0; l < labels; l++) {
            double dot = 0;
            for (int d = 0; d < dim; d++) {
                dot += (double) input[from + d] * output[l * dim + d];
            }
            table[to + l] = (float) dot;
        }
    }

    public FastTextArgs args() {
        return args;
    }

    public FastTextDictionary dictionary() {
        return dictionary;
    }

    /**
     * Probability of each label (index as in the dictionary) for one line of text; all zero when
     * the line has no known input (fastText then predicts nothing).
     */
    /** A thread's input rows, reused line after line. */
    private static final ThreadLocal<IntList> ROWS = ThreadLocal.withInitial(IntList::new);

    public float[] predict(String line) {
        IntList rows = ROWS.get();
        rows.reset();
        dictionary.line(line, rows, null);
        int labels = dictionary.labels();
        float[] probabilities = new float[labels];
        if (rows.size() == 0) {
            return probabilities;
        }
        double[] sums = new double[labels];
        if (labels == 2) {
            // A quality model's two labels: sums in registers, not a round trip through the array
            // per row, so that the loop is only the table's loads. The same additions in the same order.
            double s0 = 0;
            double s1 = 0;
            for (int r = 0; r < rows.size(); r++) {
                int base = rows.get(r) * 2;
                s0 += projected[base];
                s1 += projected[base + 1];
            }
            sums[0] = s0;
            sums[1] = s1;
        } else {
            for (int r = 0; r < rows.size(); r++) {
                int base = rows.get(r) * labels;
                for (int l = 0; l < labels; l++) {
                    sums[l] += projected[base + l];
                }
            }
        }
        for (int l = 0; l < labels; l++) {
            probabilities[l] = (float) (sums[l] / rows.size());
        }
        if (args.loss() == FastTextArgs.Loss.SOFTMAX) {
            FastTextModel.softmax(probabilities);
        } else {
            for (int label = 0; label < labels; label++) {
                probabilities[label] = FastTextModel.sigmoid(probabilities[label]);
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
}
