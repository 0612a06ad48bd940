package dev.winnow.quality.fasttext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a supervised fastText classifier the way {@code fasttext supervised} does — the same
 * dictionary, input rows (words, word n-gram buckets, character n-grams), averaged hidden layer,
 * softmax loss, SGD with the learning rate decaying linearly over {@code epoch × tokens} — but with
 * a seeded generator and {@link BlockSgd}'s fixed order of updates, so the same lines and settings
 * give the same model, bit for bit, on any number of threads. Lines are in fastText's format:
 * {@code __label__x} tokens and text.
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
     * @param block lines whose gradients are taken from the same weights, so that threads can
     *     share them ({@link BlockSgd}); 1 is fastText's serial SGD. The model depends on it, never
     *     on the number of threads.
     */
    public record Settings(int dim, double lr, int epoch, int wordNgrams, int bucket, int minCount, int minn,
            int maxn, long seed, int block) implements java.io.Serializable {
        public static final Settings DEFAULT = new Settings(100, 0.1, 5, 2, 2_000_000, 1, 0, 0, 0);

        /** fastText's serial SGD (block 1). */
        public Settings(int dim, double lr, int epoch, int wordNgrams, int bucket, int minCount, int minn, int maxn,
                long seed) {
            this(dim, lr, epoch, wordNgrams, bucket, minCount, minn, maxn, seed, 1);
        }

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
            require((long) bucket * dim <= MAX_ARRAY, String.format(java.util.Locale.ROOT,
                    "bucket x dim must be at most %,d (weights are indexed by int), got %,d x %d", MAX_ARRAY, bucket,
                    dim));
            require(block >= 1 && block <= MAX_BLOCK, "block must be in 1.." + MAX_BLOCK + ", got " + block);
        }

        public Settings withBucket(int value) {
            return new Settings(dim, lr, epoch, wordNgrams, value, minCount, minn, maxn, seed, block);
        }

        public Settings withSeed(long value) {
            return new Settings(dim, lr, epoch, wordNgrams, bucket, minCount, minn, maxn, value, block);
        }

        public Settings withBlock(int value) {
            return new Settings(dim, lr, epoch, wordNgrams, bucket, minCount, minn, maxn, seed, value);
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

    /** The largest block: beyond it the gradients are too stale to be worth the threads. */
    public static final int MAX_BLOCK = 1024;

    /** fastText updates the learning rate every this many tokens. */
    static final int LR_UPDATE_RATE = 100;

    private FastTextTrainer() {}

    public static FastTextModel train(List<String> lines, Settings settings) {
        return train(lines, settings, 1);
    }

    /**
     * Trains on {@code threads} threads; the model is the same for any number of them (see
     * {@link BlockSgd}), and it only helps when {@code settings.block()} is above 1.
     */
    public static FastTextModel train(List<String> lines, Settings settings, int threads) {
        return train(lines, settings, threads, false);
    }

    /**
     * As {@link #train(List, Settings, int)}, taking the lines over: the list is emptied once the
     * lines are tokenized, before the weights (the fit's largest allocation) are made, so that
     * the texts can be collected by then if the caller holds them nowhere else.
     */
    public static FastTextModel trainReleasing(List<String> lines, Settings settings, int threads) {
        return train(lines, settings, threads, true);
    }

    private static FastTextModel train(List<String> lines, Settings settings, int threads, boolean release) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        FastTextArgs args = settings.args();
        FastTextDictionary dictionary = dictionary(lines, args, threads);
        if (dictionary.labels() == 0) {
            throw new IllegalArgumentException("no " + LABEL_PREFIX + " labels in the training lines");
        }
        int dim = settings.dim();
        weightCount(dictionary.words(), settings); // fails early on settings that cannot be held

        // Tokenize once: every epoch sees the same rows.
        int[][] rows = new int[lines.size()][];
        int[][] labels = new int[lines.size()][];
        int[] tokens = new int[lines.size()];
        Parallel.eachPart(lines.size(), parts(lines.size()), threads, (c, from, to) -> {
            IntList r = new IntList();
            IntList l = new IntList();
            for (int i = from; i < to; i++) {
                r.clear();
                l.clear();
                tokens[i] = dictionary.line(lines.get(i), r, l);
                rows[i] = r.toArray();
                labels[i] = l.toArray();
            }
        });
        if (release) {
            lines.clear();
        }
        // Tokenizing draws nothing from the generator, so doing it first leaves the weights as they were.
        SplittableRandom random = new SplittableRandom(settings.seed());
        RowMatrix input = allocateWeights(dictionary.words(), settings, rows);
        initializeWeights(input, random, threads);
        float[] output = new float[dictionary.labels() * dim];
        long total = (long) settings.epoch() * dictionary.tokens();
        new BlockSgd(input, output, dim, dictionary.labels(), settings.block(), rows, labels, tokens, settings.lr(),
                total, random).run(threads);
        return new FastTextModel(args, dictionary, input, output);
    }

    /** The most weights a model may have: their flat indexes, here and in fastText's files' readers, are ints. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Floats of the input matrix: one row of {@code dim} per word and per n-gram bucket. */
    static int weightCount(int words, Settings settings) {
        long count = ((long) words + settings.bucket()) * settings.dim();
        if (count > MAX_ARRAY) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the input matrix would hold (%,d words + %,d buckets) x dim %d = %,d floats, over the %,d "
                            + "a model may have: lower bucket or dim", words, settings.bucket(), settings.dim(),
                    count, MAX_ARRAY));
        }
        return (int) count;
    }

    /** Bytes of the weights (input matrix) for a dictionary of {@code words}: what the fit allocates last. */
    public static long weightBytes(int words, Settings settings) {
        return ((long) words + settings.bucket()) * settings.dim() * Float.BYTES;
    }

    /** Tokenizing, counting and the initial weights are split into this many parts, whatever the threads. */
    static final int PREPARE_CHUNKS = 64;

    /** Parts of a list of lines: {@link #PREPARE_CHUNKS}, or one per line when there are fewer. */
    private static int parts(int lines) {
        return Math.max(1, Math.min(PREPARE_CHUNKS, lines));
    }

    /**
     * A zeroed input matrix, a row per word and per bucket. When the heap has no room for it, the
     * error says what the fit held: the matrix is its largest allocation, and its size is set by
     * the settings (bucket, dim) and the dictionary, which the caller can change.
     */
    private static RowMatrix allocateWeights(int words, Settings settings, int[][] rows) {
        try {
            return new RowMatrix(words + settings.bucket(), settings.dim());
        } catch (OutOfMemoryError e) {
            long tokenBytes = 0;
            for (int[] r : rows) {
                tokenBytes += (long) r.length * Integer.BYTES;
            }
            OutOfMemoryError detailed = new OutOfMemoryError(String.format(java.util.Locale.ROOT,
                    "fastText fit: no room for the input matrix, (%,d words + %,d buckets) x dim %d floats = %,d MB, "
                            + "next to %,d MB of tokenized lines (%,d lines), in a heap of at most %,d MB",
                    words, settings.bucket(), settings.dim(), weightBytes(words, settings) >> 20, tokenBytes >> 20,
                    rows.length, Runtime.getRuntime().maxMemory() >> 20));
            detailed.initCause(e);
            throw detailed;
        }
    }

    /**
     * Uniform in ±1/dim, as fastText: {@link #PREPARE_CHUNKS} parts of the matrix, each from its
     * own generator split off {@code random} in order, so the values do not depend on the threads.
     */
    private static void initializeWeights(RowMatrix input, SplittableRandom random, int threads) {
        float bound = 1.0f / input.dim();
        SplittableRandom[] parts = new SplittableRandom[PREPARE_CHUNKS];
        for (int c = 0; c < parts.length; c++) {
            parts[c] = random.split();
        }
        Parallel.eachPart(input.rows() * input.dim(), parts.length, threads, (c, from, to) -> {
            SplittableRandom r = parts[c];
            input.fill(from, to, () -> r.nextDouble(-bound, bound));
        });
    }

    /**
     * Words and labels with their counts, as fastText's readFromFile + threshold: every token of
     * every line (and one {@code </s>} per line) counted; words under minCount dropped; words,
     * then labels, each by count descending (ties: first seen first, so the order is fixed).
     */
    static FastTextDictionary dictionary(List<String> lines, FastTextArgs args) {
        return dictionary(lines, args, 1);
    }

    /**
     * The same dictionary, counted in parts on {@code threads} threads: the parts' counts are
     * merged in line order, so a word's first sighting, and with it the order of ties, is the
     * serial count's.
     */
    static FastTextDictionary dictionary(List<String> lines, FastTextArgs args, int threads) {
        List<Map<String, long[]>> counted = new ArrayList<>(java.util.Collections.nCopies(parts(lines.size()), null));
        Parallel.eachPart(lines.size(), counted.size(), threads, (c, from, to) -> {
            Map<String, long[]> part = new LinkedHashMap<>();
            for (int i = from; i < to; i++) {
                for (String token : FastTextDictionary.tokens(lines.get(i))) {
                    part.computeIfAbsent(token, t -> new long[1])[0]++;
                }
            }
            counted.set(c, part);
        });
        Map<String, long[]> counts = new LinkedHashMap<>();
        long tokens = 0;
        for (Map<String, long[]> part : counted) {
            for (Map.Entry<String, long[]> e : part.entrySet()) {
                counts.computeIfAbsent(e.getKey(), t -> new long[1])[0] += e.getValue()[0];
                tokens += e.getValue()[0];
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
