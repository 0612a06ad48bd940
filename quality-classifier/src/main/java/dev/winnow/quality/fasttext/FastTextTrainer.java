package dev.winnow.quality.fasttext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a supervised fastText classifier the way {@code fasttext supervised} does — the same
 * dictionary, input rows (words, word n-gram buckets, character n-grams), averaged hidden layer,
 * softmax loss, SGD with the learning rate decaying linearly over {@code epoch × tokens} — but on
 * one thread with a seeded generator, so the same lines and settings give the same model, bit
 * for bit. Lines are in fastText's format: {@code __label__x} tokens and text.
 */
public final class FastTextTrainer {
    public static final String LABEL_PREFIX = "__label__";

    /**
     * @param dim embedding size (fastText/NeMo default 100)
     * @param lr initial learning rate (0.1)
     * @param epoch passes over the data (5)
     * @param wordNgrams longest word n-gram (2: bigrams, as MT-NLG's classifier)
     * @param bucket hash buckets for n-grams (fastText's default 2,000,000)
     * @param minCount words seen fewer times are dropped from the dictionary (1)
     * @param minn shortest character n-gram, with {@code maxn} (0, 0: none, fastText's supervised default)
     * @param maxn longest character n-gram
     * @param seed initial weights and the label draw of multi-label lines
     */
    public record Settings(int dim, double lr, int epoch, int wordNgrams, int bucket, int minCount, int minn,
            int maxn, long seed) implements java.io.Serializable {
        public static final Settings DEFAULT = new Settings(100, 0.1, 5, 2, 2_000_000, 1, 0, 0, 0);

        public Settings {
            require(dim >= 1 && dim <= 10_000, "dim must be in 1..10000, got " + dim);
            require(lr > 0 && Double.isFinite(lr), "lr must be > 0, got " + lr);
            require(epoch >= 1, "epoch must be >= 1, got " + epoch);
            require(wordNgrams >= 1, "wordNgrams must be >= 1, got " + wordNgrams);
            require(bucket >= 0, "bucket must be >= 0, got " + bucket);
            require(minCount >= 1, "minCount must be >= 1, got " + minCount);
            require(minn >= 0 && maxn >= 0 && (maxn == 0 || minn <= maxn), "need 0 <= minn <= maxn, got " + minn
                    + ".." + maxn);
            require(bucket > 0 || (wordNgrams == 1 && maxn == 0), "bucket must be > 0 for n-grams");
        }

        public Settings withBucket(int value) {
            return new Settings(dim, lr, epoch, wordNgrams, value, minCount, minn, maxn, seed);
        }

        public Settings withSeed(long value) {
            return new Settings(dim, lr, epoch, wordNgrams, bucket, minCount, minn, maxn, value);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }

        FastTextArgs args() {
            return new FastTextArgs(dim, 5, epoch, minCount, 5, wordNgrams, FastTextArgs.Loss.SOFTMAX,
                    FastTextArgs.Kind.SUPERVISED, bucket, minn, maxn, LR_UPDATE_RATE, 1e-4);
        }
    }

    /** fastText updates the learning rate every this many tokens. */
    static final int LR_UPDATE_RATE = 100;

    private FastTextTrainer() {}

    public static FastTextModel train(List<String> lines, Settings settings) {
        FastTextArgs args = settings.args();
        FastTextDictionary dictionary = dictionary(lines, args);
        if (dictionary.labels() == 0) {
            throw new IllegalArgumentException("no " + LABEL_PREFIX + " labels in the training lines");
        }
        int dim = settings.dim();
        SplittableRandom random = new SplittableRandom(settings.seed());
        float[] input = new float[Math.multiplyExact(dictionary.words() + settings.bucket(), dim)];
        float bound = 1.0f / dim;
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextDouble(-bound, bound);
        }
        float[] output = new float[dictionary.labels() * dim];

        // Tokenize once: every epoch sees the same rows.
        List<int[]> rows = new ArrayList<>(lines.size());
        List<int[]> labels = new ArrayList<>(lines.size());
        int[] tokens = new int[lines.size()];
        IntList r = new IntList();
        IntList l = new IntList();
        for (int i = 0; i < lines.size(); i++) {
            r.clear();
            l.clear();
            tokens[i] = dictionary.line(lines.get(i), r, l);
            rows.add(r.toArray());
            labels.add(l.toArray());
        }
        long total = (long) settings.epoch() * dictionary.tokens();
        long tokenCount = 0;
        long local = 0;
        float[] hidden = new float[dim];
        float[] grad = new float[dim];
        float[] out = new float[dictionary.labels()];
        for (int i = 0; tokenCount < total; i = (i + 1) % lines.size()) {
            float lr = (float) (settings.lr() * (1.0 - (double) tokenCount / total));
            local += tokens[i];
            int[] lineLabels = labels.get(i);
            int[] lineRows = rows.get(i);
            if (lineLabels.length > 0 && lineRows.length > 0) {
                int target = lineLabels[lineLabels.length == 1 ? 0 : random.nextInt(lineLabels.length)];
                update(input, output, dim, lineRows, target, lr, hidden, grad, out);
            }
            if (local > LR_UPDATE_RATE) {
                tokenCount += local;
                local = 0;
            }
        }
        return new FastTextModel(args, dictionary, input, output);
    }

    /** One SGD step of softmax regression on the averaged input rows (fastText's Model::update). */
    private static void update(float[] input, float[] output, int dim, int[] rows, int target, float lr,
            float[] hidden, float[] grad, float[] out) {
        FastTextModel.averageRows(input, dim, rows, hidden);
        FastTextModel.logits(output, dim, hidden, out);
        FastTextModel.softmax(out);
        java.util.Arrays.fill(grad, 0f);
        for (int label = 0; label < out.length; label++) {
            float alpha = lr * ((label == target ? 1f : 0f) - out[label]);
            int base = label * dim;
            for (int d = 0; d < dim; d++) {
                grad[d] += alpha * output[base + d];
                output[base + d] += alpha * hidden[d];
            }
        }
        float scale = 1.0f / rows.length;
        for (int d = 0; d < dim; d++) {
            grad[d] *= scale; // fastText normalizes the gradient by the input size for supervised models
        }
        for (int row : rows) {
            int base = row * dim;
            for (int d = 0; d < dim; d++) {
                input[base + d] += grad[d];
            }
        }
    }

    /**
     * Words and labels with their counts, as fastText's readFromFile + threshold: every token of
     * every line (and one {@code </s>} per line) counted; words under minCount dropped; words,
     * then labels, each by count descending (ties: first seen first, so the order is fixed).
     */
    static FastTextDictionary dictionary(List<String> lines, FastTextArgs args) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        long tokens = 0;
        for (String line : lines) {
            for (String token : FastTextDictionary.tokens(line)) {
                counts.computeIfAbsent(token, t -> new long[1])[0]++;
                tokens++;
            }
        }
        List<Map.Entry<String, long[]>> words = new ArrayList<>();
        List<Map.Entry<String, long[]>> labels = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getKey().startsWith(LABEL_PREFIX)) {
                labels.add(e);
            } else if (e.getValue()[0] >= args.minCount()) {
                words.add(e);
            }
        }
        words.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        labels.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        return FastTextDictionary.of(args, words.stream().map(Map.Entry::getKey).toList(),
                words.stream().mapToLong(e -> e.getValue()[0]).toArray(),
                labels.stream().map(Map.Entry::getKey).toList(),
                labels.stream().mapToLong(e -> e.getValue()[0]).toArray(), tokens);
    }
}
