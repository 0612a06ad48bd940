package dev.winnow.quality.lid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.Character.UnicodeScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Build-time tool: compiles Lingua's character n-gram models (Apache 2.0, shipped in the
 * {@code com.github.pemistahl:lingua:1.2.2} jar on Maven Central, unpacked by the build) into
 * Winnow's compact model.
 *
 * <p>Lingua stores, per language and order n = 1..5, the relative frequency of each n-gram given
 * its first n-1 characters: P(c | context). Winnow scores a text under each language's
 * character Markov model with backoff: at each letter it uses the longest context the language
 * has seen, paying {@code backoff} nats for every order it falls back, and {@code floor} nats for
 * a letter the language has never seen. That score telescopes: it is the sum, over the n-grams
 * ending at a letter that the language has, of (value at this order) − (value backed off to the
 * order below). The compiler precomputes that difference per (n-gram, language), so the detector
 * only adds up sparse postings. Differences smaller than {@code prune} nats are dropped (the
 * language then backs off there), which keeps the model small.
 */
public final class LinguaModelCompiler {
    static final String[] ORDER_FILES = {"unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"};
    /** A language is written in a script if at least this share of its letters are in it. */
    static final double SCRIPT_SHARE = 0.05;

    /** Tunable constants; recorded in the model's source line. */
    public record Params(double backoff, double floor, double prune, int maxOrder) {
        public static final Params DEFAULT = new Params(0.9, -16.0, 0.25, 5);

        String describe() {
            return "backoff=" + backoff + " floor=" + floor + " prune=" + prune + " maxOrder=" + maxOrder;
        }
    }

    /** One order's n-grams: for each n-gram, the languages (ascending) and their ln P. */
    private static final class OrderModel {
        final Map<String, Postings> ngrams = new HashMap<>();
    }

    private static final class Postings {
        byte[] languages = new byte[2];
        float[] logProbs = new float[2];
        int size;

        void add(int language, double logProb) {
            if (size == languages.length) {
                languages = Arrays.copyOf(languages, size * 2);
                logProbs = Arrays.copyOf(logProbs, size * 2);
            }
            languages[size] = (byte) language;
            logProbs[size++] = (float) logProb;
        }

        /** ln P for the language, or NaN if this n-gram is not in its model. */
        double logProb(int language) {
            for (int i = 0; i < size; i++) {
                if (languages[i] == language) {
                    return logProbs[i];
                }
            }
            return Double.NaN;
        }
    }

    private final Params params;
    private final List<String> languages = new ArrayList<>();
    private final List<List<String>> scripts = new ArrayList<>();
    private final OrderModel[] orders;

    private LinguaModelCompiler(Params params) {
        this.params = params;
        this.orders = new OrderModel[params.maxOrder() + 1];
        for (int k = 1; k <= params.maxOrder(); k++) {
            orders[k] = new OrderModel();
        }
    }

    public static ModelFile compile(Path modelsDir, Params params) throws IOException {
        LinguaModelCompiler compiler = new LinguaModelCompiler(params);
        compiler.load(modelsDir);
        return compiler.build(modelsDir.toString());
    }

    private void load(Path modelsDir) throws IOException {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(modelsDir)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        if (dirs.isEmpty() || dirs.size() > 255) {
            throw new IOException(modelsDir + ": expected 1..255 language folders, found " + dirs.size());
        }
        JsonFactory json = new JsonFactory();
        for (Path dir : dirs) {
            int language = languages.size();
            languages.add(dir.getFileName().toString());
            for (int k = 1; k <= params.maxOrder(); k++) {
                Path file = dir.resolve(ORDER_FILES[k - 1] + ".json");
                if (Files.exists(file)) {
                    readOrderFile(json, file, k, language);
                }
            }
            scripts.add(scriptsOf(language));
        }
    }

    private void readOrderFile(JsonFactory json, Path file, int order, int language) throws IOException {
        try {
            parseOrderFile(json, file, order, language);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // Jackson leaves the source out of its messages; say which of the ~375 files is broken.
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private void parseOrderFile(JsonFactory json, Path file, int order, int language) throws IOException {
        try (JsonParser parser = json.createParser(file.toFile())) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, file, "a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"ngrams".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                expect(value == JsonToken.START_OBJECT, file, "\"ngrams\" to be an object");
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String fraction = parser.currentName();
                    expect(parser.nextToken() == JsonToken.VALUE_STRING, file, "n-gram lists as strings");
                    double logProb = logOfFraction(fraction, file);
                    for (String ngram : parser.getText().split(" ")) {
                        if (ngram.codePointCount(0, ngram.length()) != order) {
                            throw new IOException(file + ": n-gram '" + ngram + "' is not of order " + order);
                        }
                        orders[order].ngrams.computeIfAbsent(ngram, g -> new Postings()).add(language, logProb);
                    }
                }
            }
        }
    }

    private static double logOfFraction(String fraction, Path file) throws IOException {
        int slash = fraction.indexOf('/');
        try {
            double numerator = Double.parseDouble(fraction.substring(0, slash));
            double denominator = Double.parseDouble(fraction.substring(slash + 1));
            if (numerator <= 0 || denominator < numerator) {
                throw new NumberFormatException("not a probability");
            }
            return Math.log(numerator / denominator);
        } catch (RuntimeException e) {
            throw new IOException(file + ": bad relative frequency '" + fraction + "'", e);
        }
    }

    private static void expect(boolean ok, Path file, String what) throws IOException {
        if (!ok) {
            throw new IOException(file + ": expected " + what + " (not a Lingua language model?)");
        }
    }

    /** Scripts holding at least {@link #SCRIPT_SHARE} of the language's unigram mass. */
    private List<String> scriptsOf(int language) {
        Map<String, Double> mass = new TreeMap<>();
        for (Map.Entry<String, Postings> e : orders[1].ngrams.entrySet()) {
            double logProb = e.getValue().logProb(language);
            if (!Double.isNaN(logProb)) {
                UnicodeScript script = UnicodeScript.of(e.getKey().codePointAt(0));
                mass.merge(script.name(), Math.exp(logProb), Double::sum);
            }
        }
        List<String> result = new ArrayList<>();
        mass.forEach((script, share) -> {
            if (share >= SCRIPT_SHARE) {
                result.add(script);
            }
        });
        return List.copyOf(result);
    }

    /** The language's backed-off value for an n-gram of this order (before any pruning of it). */
    private double value(int order, String ngram, int language) {
        if (order == 0) {
            return params.floor();
        }
        Postings postings = orders[order].ngrams.get(ngram);
        double logProb = postings == null ? Double.NaN : postings.logProb(language);
        if (!Double.isNaN(logProb)) {
            return logProb + order * params.backoff();
        }
        return value(order - 1, suffix(ngram), language);
    }

    private static String suffix(String ngram) {
        return ngram.substring(ngram.offsetByCodePoints(0, 1));
    }

    private ModelFile build(String source) {
        int maxOrder = params.maxOrder();
        // Differences per order, pruned from the lowest order up: a pruned posting is removed from
        // its order's model before the next order's differences are computed against it.
        List<Map<String, int[]>> kept = new ArrayList<>();
        kept.add(Map.of());
        for (int k = 1; k <= maxOrder; k++) {
            Map<String, int[]> orderPostings = new HashMap<>();
            for (Map.Entry<String, Postings> e : orders[k].ngrams.entrySet()) {
                String ngram = e.getKey();
                Postings postings = e.getValue();
                int[] packed = new int[postings.size];
                int n = 0;
                Postings survivors = new Postings();
                for (int i = 0; i < postings.size; i++) {
                    int language = postings.languages[i];
                    double here = postings.logProbs[i] + k * params.backoff();
                    double below = value(k - 1, k == 1 ? "" : suffix(ngram), language);
                    double difference = here - below;
                    if (k > 1 && Math.abs(difference) < params.prune()) {
                        continue;
                    }
                    long scaled = Math.round(difference * ModelFile.SCALE);
                    scaled = Math.max(-(1 << 23), Math.min((1 << 23) - 1, scaled));
                    packed[n++] = ModelFile.posting(language, (int) scaled);
                    survivors.add(language, postings.logProbs[i]);
                }
                postings.languages = survivors.languages;
                postings.logProbs = survivors.logProbs;
                postings.size = survivors.size;
                orderPostings.put(ngram, Arrays.copyOf(packed, n));
            }
            kept.add(orderPostings);
        }
        // A key stays if it has postings or a longer kept n-gram ends with it: the detector stops
        // extending at the first missing key, so every kept key's suffixes must be present.
        Map<String, int[]> entries = new HashMap<>();
        for (int k = maxOrder; k >= 1; k--) {
            for (Map.Entry<String, int[]> e : kept.get(k).entrySet()) {
                if (e.getValue().length > 0 || entries.containsKey(e.getKey())) {
                    entries.put(e.getKey(), e.getValue());
                    String s = e.getKey();
                    while (s.codePointCount(0, s.length()) > 1) {
                        s = suffix(s);
                        entries.putIfAbsent(s, new int[0]);
                    }
                }
            }
        }
        // Keys grouped by order, then by key, so the output is the same on every run.
        List<long[]> order = new ArrayList<>();
        List<int[]> runs = new ArrayList<>();
        for (Map.Entry<String, int[]> e : entries.entrySet()) {
            String ngram = e.getKey();
            order.add(new long[] {ngram.codePointCount(0, ngram.length()),
                    NgramHash.of(ngram.codePoints().toArray()), runs.size()});
            runs.add(e.getValue());
        }
        order.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[] keys = new long[order.size()];
        int[] starts = new int[order.size() + 1];
        int[] orderStarts = new int[maxOrder + 1];
        int total = 0;
        for (int i = 0; i < order.size(); i++) {
            keys[i] = order.get(i)[1];
            if (i > 0 && keys[i] == keys[i - 1] && order.get(i)[0] == order.get(i - 1)[0]) {
                throw new IllegalStateException("64-bit n-gram key collision; change NgramHash");
            }
            orderStarts[(int) order.get(i)[0]] = i + 1;
            starts[i] = total;
            total += runs.get((int) order.get(i)[2]).length;
        }
        starts[order.size()] = total;
        for (int k = 1; k <= maxOrder; k++) {
            orderStarts[k] = Math.max(orderStarts[k], orderStarts[k - 1]);
        }
        int[] postings = new int[total];
        for (int i = 0; i < order.size(); i++) {
            int[] run = runs.get((int) order.get(i)[2]);
            System.arraycopy(run, 0, postings, starts[i], run.length);
        }
        return new ModelFile("lingua-1.2.2 " + params.describe(), List.copyOf(languages), List.copyOf(scripts),
                orderStarts, keys, starts, postings);
    }

    /** {@code LinguaModelCompiler MODELS_DIR OUTPUT_FILE [backoff floor prune maxOrder]} */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 6) {
            System.err.println("usage: LinguaModelCompiler MODELS_DIR OUTPUT_FILE [backoff floor prune maxOrder]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Params params = args.length == 2 ? Params.DEFAULT
                : new Params(Double.parseDouble(args[2]), Double.parseDouble(args[3]), Double.parseDouble(args[4]),
                        Integer.parseInt(args[5]));
        Path stamp = out.resolveSibling(out.getFileName() + ".params");
        String wanted = params.describe() + " hash=" + NgramHash.VERSION + " format=" + ModelFile.FORMAT_VERSION;
        if (Files.exists(out) && Files.exists(stamp) && Files.readString(stamp).equals(wanted)) {
            System.out.println("language model up to date: " + out);
            return;
        }
        long t0 = System.nanoTime();
        ModelFile model = compile(in, params);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            model.write(os);
        }
        Files.writeString(stamp, wanted);
        System.out.printf("language model: %d languages, %d keys, %d postings, %.1f MB -> %s (%.1f s)%n",
                model.languages().size(), model.keys().length, model.postings().length,
                Files.size(out) / 1e6, out, (System.nanoTime() - t0) / 1e9);
    }
}
