package dev.winnow.jobs.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.winnow.dedup.Hashing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A corpus with known near-duplicate clusters, built from real text ({@link SourceText}):
 * N JSONL records {@code {"id", "text", "cluster", "source_id"}}, the same bytes for the same
 * seed, source and settings.
 *
 * <p><b>Base documents.</b> Each has a target length drawn log-normally (median 2,500
 * characters, σ 0.9, clamped to [300, 20,000]) and one family of source text (Europarl, KJV,
 * Gutenberg, WikiText, LID sentences of one language), picked by the family weights. Its body is
 * paragraphs, each a window of consecutive sentences of a random source document starting at a
 * random sentence, no window longer than half the target, so two base documents are unrelated
 * unless they happen to share a window (partial overlap, as in real corpora). Some have a title
 * line (the first words of a real sentence) or a footer line (a short real sentence). One in ten
 * documents of 1,500+ characters also carries one of 1,000 "popular" paragraphs, picked
 * log-uniformly so a few recur in many documents (quotes, boilerplate).
 *
 * <p><b>Clusters.</b> A share of base documents ({@link Settings#dupShare}, 0.3) get copies: 1 +
 * a geometric number (mean 2.2, at most 30), or with probability
 * {@link Settings#largeClusterRate} a large cluster of 50–500 copies (log-uniform, like licence
 * or boilerplate pages). A copy is made from the base document, or for later copies with
 * probability 1/4 from an earlier copy (its {@code source_id} then names that copy). Every record
 * of a cluster has the base document's id as {@code cluster}; a base document's
 * {@code source_id} is its own id.
 *
 * <p><b>Edits.</b> A copy aims at a word-5-gram Jaccard similarity t, uniform in [0.5, 1], with
 * its source; 8% are exact copies. The body may be truncated (1 in 5 copies, taking part of the
 * budget), paragraphs reordered, and words deleted, inserted, substituted by a word of the same
 * family or misspelt at a rate from what is left of the budget (an edit breaks about five
 * 5-grams); the title and footer lines may be replaced, added or removed, and paragraph breaks
 * re-spaced. Measured on 20,000 documents from the shared data (seed 1): median 0.78, 5th
 * percentile 0.52, 3% under 0.5, 11% exact copies, 45% at or above 0.8.
 *
 * <p><b>Order and memory.</b> Records are written in a seeded random order (members of a
 * cluster are scattered over the file). Only the plan is kept in memory (three ints per
 * document); texts are regenerated from per-document seeds when written, so any N streams in
 * bounded memory.
 */
public final class NearDupCorpus {
    /**
     * @param docs             records to write
     * @param seed             everything random derives from it
     * @param dupShare         share of base documents that get copies
     * @param largeClusterRate share of those whose cluster is large (50–500 copies)
     * @param medianChars      median target length of a base document
     * @param sigma            σ of the log-normal target length
     * @param minChars         shortest target length
     * @param maxChars         longest target length
     */
    public record Settings(int docs, long seed, double dupShare, double largeClusterRate, double medianChars,
                           double sigma, int minChars, int maxChars) {
        public Settings {
            if (docs < 1) {
                throw new IllegalArgumentException("--docs must be positive, got " + docs);
            }
            if (!(dupShare >= 0 && dupShare <= 1) || !(largeClusterRate >= 0 && largeClusterRate <= 1)) {
                throw new IllegalArgumentException("shares must be in [0, 1]");
            }
            if (minChars < 1 || maxChars < minChars || medianChars <= 0 || sigma < 0) {
                throw new IllegalArgumentException("bad length settings");
            }
        }

        public static Settings defaults(int docs, long seed) {
            return new Settings(docs, seed, 0.3, 0.003, 2500, 0.9, 300, 20_000);
        }

        public Settings withDupShare(double share) {
            return new Settings(docs, seed, share, largeClusterRate, medianChars, sigma, minChars, maxChars);
        }

        public Settings withMedianChars(double median) {
            return new Settings(docs, seed, dupShare, largeClusterRate, median, sigma, minChars, maxChars);
        }

        public Settings withLargeClusterRate(double rate) {
            return new Settings(docs, seed, dupShare, rate, medianChars, sigma, minChars, maxChars);
        }
    }

    /** One generated record. {@code copy} is 0 for a base document; {@code target} is the intended Jaccard of a copy (NaN for a base). */
    public record Record(int position, String id, String text, String cluster, String sourceId, int copy,
                         double target) {
    }

    /** What was written. */
    public record Summary(int docs, int baseDocs, int clusters, int copies, int largestCluster, long textChars,
                          long bytes) {
    }

    // Random streams: each purpose and document has its own generator, so documents are independent.
    private static final long PLAN = 1;
    private static final long SHUFFLE = 2;
    private static final long BASE = 3;
    private static final long COPY = 4;
    private static final long POPULAR = 5;

    private static final int POPULAR_PARAGRAPHS = 1000;
    private static final int MAX_SMALL_COPIES = 30;
    private static final double EXACT_COPY = 0.08;

    private final SourceText source;
    private final Settings settings;
    private final List<SourceText.Family> families;
    private final double[] familyCumWeight;
    private final int[][] sentenceCum; // per family: cumulative sentence counts over its documents
    private final String[] popular;
    private final int baseDocs;
    private final int[] slotStart; // base b owns slots [slotStart[b], slotStart[b+1]); slot 0 of a base is itself
    private final int[] order;     // position → slot
    private final int[] position;  // slot → position
    private final int idWidth;

    public NearDupCorpus(SourceText source, Settings settings) {
        this.source = source;
        this.settings = settings;
        this.families = source.families();
        familyCumWeight = new double[families.size()];
        sentenceCum = new int[families.size()][];
        double w = 0;
        for (int f = 0; f < families.size(); f++) {
            w += families.get(f).weight();
            familyCumWeight[f] = w;
            List<String[]> docs = families.get(f).docs();
            int[] cum = new int[docs.size()];
            int n = 0;
            for (int d = 0; d < docs.size(); d++) {
                n += docs.get(d).length;
                cum[d] = n;
            }
            sentenceCum[f] = cum;
        }
        popular = popularParagraphs();

        // The plan: how many copies each base document gets, until there are N records.
        int n = settings.docs();
        int[] starts = new int[Math.min(n, 1 << 16) + 1];
        int b = 0;
        int slots = 0;
        while (slots < n) {
            if (b + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, (int) Math.min((long) starts.length * 2, (long) n + 1));
            }
            starts[b] = slots;
            slots += 1 + copiesOf(b);
            b++;
        }
        baseDocs = b;
        starts[b] = n; // the last cluster is cut to fit
        slotStart = Arrays.copyOf(starts, b + 1);

        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = rng(SHUFFLE, 0, 0);
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        idWidth = Math.max(6, Integer.toString(n - 1).length());
    }

    public Settings settings() {
        return settings;
    }

    public int baseDocs() {
        return baseDocs;
    }

    /** Members (base included) of base document b's cluster. */
    public int clusterSize(int b) {
        return slotStart[b + 1] - slotStart[b];
    }

    /** Writes the corpus as JSONL, gzip-compressed when the name ends with .gz. */
    public Summary write(Path out) throws IOException {
        return write(out, r -> { });
    }

    /** Writes the corpus and shows every record to {@code peek} (statistics) in file order. */
    public Summary write(Path out, Consumer<Record> peek) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        OutputStream os = Files.newOutputStream(out);
        if (out.toString().endsWith(".gz")) {
            // Fastest deflate level: gzip dominates the run at level 6 (about 3x slower, 20% smaller).
            os = new GZIPOutputStream(os, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
        try (OutputStream raw = new BufferedOutputStream(os, 1 << 20)) {
            return write(raw, peek);
        }
    }

    /** Writes the corpus as JSONL to a stream (not closed). */
    public Summary write(OutputStream out, Consumer<Record> peek) throws IOException {
        CountingStream counting = new CountingStream(out);
        JsonFactory factory = new JsonFactory();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        factory.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        long chars = 0;
        int copies = 0;
        int clusters = 0;
        int largest = 1;
        for (int b = 0; b < baseDocs; b++) {
            int size = clusterSize(b);
            if (size > 1) {
                clusters++;
                copies += size - 1;
                largest = Math.max(largest, size);
            }
        }
        try (JsonGenerator g = factory.createGenerator(counting, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (int p = 0; p < settings.docs(); p++) {
                Record r = record(p);
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("text", r.text());
                g.writeStringField("cluster", r.cluster());
                g.writeStringField("source_id", r.sourceId());
                g.writeEndObject();
                g.flush();
                counting.write('\n');
                chars += r.text().length();
                peek.accept(r);
            }
        }
        counting.flush();
        return new Summary(settings.docs(), baseDocs, clusters, copies, largest, chars, counting.count);
    }

    /** The record at a file position. */
    public Record record(int pos) {
        int slot = order[pos];
        int b = baseOf(slot);
        int copy = slot - slotStart[b];
        String cluster = id(slotStart[b]);
        if (copy == 0) {
            return new Record(pos, id(slot), base(b).text(), cluster, cluster, 0, Double.NaN);
        }
        Edited e = copy(b, copy);
        return new Record(pos, id(slot), e.doc.text(), cluster, id(slotStart[b] + e.parent), copy, e.target);
    }

    /** The text of the record's source (base document or earlier copy), for measurements. */
    public String sourceText(int pos) {
        int slot = order[pos];
        int b = baseOf(slot);
        int copy = slot - slotStart[b];
        if (copy == 0) {
            return base(b).text();
        }
        int parent = copy(b, copy).parent;
        return parent == 0 ? base(b).text() : copy(b, parent).doc.text();
    }

    private String id(int slot) {
        String digits = Integer.toString(position[slot]);
        StringBuilder sb = new StringBuilder(3 + idWidth).append("nd-");
        for (int i = digits.length(); i < idWidth; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    private int baseOf(int slot) {
        int i = Arrays.binarySearch(slotStart, 0, baseDocs, slot);
        return i >= 0 ? i : -i - 2;
    }

    // ---- the plan ----

    private int copiesOf(int b) {
        SplittableRandom r = rng(PLAN, b, 0);
        if (r.nextDouble() >= settings.dupShare()) {
            return 0;
        }
        if (r.nextDouble() < settings.largeClusterRate()) {
            return (int) Math.round(Math.exp(Math.log(50) + r.nextDouble() * (Math.log(500) - Math.log(50))));
        }
        // 1 + geometric(p = 0.45): mean 2.2.
        int k = 1 + (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - 0.45));
        return Math.min(k, MAX_SMALL_COPIES);
    }

    // ---- documents ----

    /** A document as parts: optional title line, paragraphs, optional footer line. */
    record Doc(int family, String title, List<String> paragraphs, String footer, String breakBetween) {
        String text() {
            StringBuilder sb = new StringBuilder();
            if (title != null) {
                sb.append(title).append('\n');
            }
            for (int i = 0; i < paragraphs.size(); i++) {
                if (i > 0) {
                    sb.append(breakBetween);
                }
                sb.append(paragraphs.get(i));
            }
            if (footer != null) {
                sb.append(breakBetween).append(footer);
            }
            return sb.toString();
        }
    }

    private record Edited(Doc doc, int parent, double target) {
    }

    Doc base(int b) {
        SplittableRandom r = rng(BASE, b, 0);
        double len = Math.exp(Math.log(settings.medianChars()) + settings.sigma() * r.nextGaussian());
        int target = (int) Math.max(settings.minChars(), Math.min(settings.maxChars(), len));
        int f = family(r);
        String title = r.nextDouble() < 0.4 ? title(f, r) : null;
        String footer = r.nextDouble() < 0.15 ? shortSentence(f, r) : null;
        int total = (title == null ? 0 : title.length()) + (footer == null ? 0 : footer.length());
        List<String> paragraphs = new ArrayList<>();
        while (total < target) {
            int budget = target - total;
            // Paragraph length: log-normal around 500 characters, at most half the document and what is left.
            int want = (int) Math.min(Math.min(budget, Math.max(80, target / 2)),
                    Math.exp(Math.log(500) + 0.6 * r.nextGaussian()));
            String p = window(f, r, Math.max(want, 40));
            paragraphs.add(p);
            total += p.length() + 2;
        }
        if (target >= 1500 && r.nextDouble() < 0.1) {
            int k = (int) Math.floor(Math.exp(r.nextDouble() * Math.log(POPULAR_PARAGRAPHS + 1))) - 1;
            paragraphs.add(r.nextInt(paragraphs.size() + 1), popular[Math.min(k, POPULAR_PARAGRAPHS - 1)]);
        }
        return new Doc(f, title, paragraphs, footer, "\n\n");
    }

    private Edited copy(int b, int c) {
        SplittableRandom r = rng(COPY, b, c);
        int parent = c >= 2 && r.nextDouble() < 0.25 ? 1 + r.nextInt(c - 1) : 0;
        Doc src = parent == 0 ? base(b) : copy(b, parent).doc;
        double target = 0.5 + 0.5 * r.nextDouble();
        if (r.nextDouble() < EXACT_COPY) {
            return new Edited(src, parent, 1.0);
        }
        return new Edited(edit(src, target, r), parent, target);
    }

    /**
     * The edit model. Budget in "kept share of the source's 5-grams": a copy of similarity t that
     * keeps the length keeps s = 2t / (1 + t) of them; truncation to a share k keeps k, and
     * word edits at rate e keep about (1 − e)^5.
     */
    Doc edit(Doc src, double target, SplittableRandom r) {
        int f = src.family();
        List<String> paragraphs = new ArrayList<>(src.paragraphs());
        double keep = 2 * target / (1 + target);
        if (r.nextDouble() < 0.2) {
            // Truncation takes 30–100% of the budget; J after it alone is k.
            double k = 1 - (1 - target) * (0.3 + 0.7 * r.nextDouble());
            truncate(paragraphs, k);
            target = Math.min(1, target / k);
            keep = 2 * target / (1 + target);
        }
        if (paragraphs.size() >= 2 && r.nextDouble() < 0.2) {
            String moved = paragraphs.remove(r.nextInt(paragraphs.size()));
            paragraphs.add(r.nextInt(paragraphs.size() + 1), moved);
        }
        double rate = 1 - Math.pow(keep, 1.0 / 5);
        if (rate > 0) {
            for (int i = 0; i < paragraphs.size(); i++) {
                paragraphs.set(i, editWords(paragraphs.get(i), rate, f, r));
            }
        }
        String title = src.title();
        double u = r.nextDouble();
        if (u < 0.15) {
            title = title(f, r);        // new or replaced header line
        } else if (u < 0.22) {
            title = null;               // header dropped
        }
        String footer = src.footer();
        u = r.nextDouble();
        if (u < 0.12) {
            footer = shortSentence(f, r);
        } else if (u < 0.17) {
            footer = null;
        }
        String breakBetween = r.nextDouble() < 0.1 ? (src.breakBetween().equals("\n\n") ? "\n" : "\n\n")
                : src.breakBetween();
        return new Doc(f, title, paragraphs, footer, breakBetween);
    }

    /** Keeps the first share k of the body's words (at least one). */
    private static void truncate(List<String> paragraphs, double k) {
        int words = 0;
        for (String p : paragraphs) {
            words += wordCount(p);
        }
        int keep = Math.max(1, (int) Math.round(words * k));
        int seen = 0;
        for (int i = 0; i < paragraphs.size(); i++) {
            int n = wordCount(paragraphs.get(i));
            if (seen + n >= keep) {
                paragraphs.set(i, firstWords(paragraphs.get(i), keep - seen));
                paragraphs.subList(i + 1, paragraphs.size()).clear();
                if (paragraphs.get(i).isEmpty()) {
                    paragraphs.remove(i);
                }
                return;
            }
            seen += n;
        }
    }

    private static int wordCount(String p) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < p.length(); i++) {
            boolean space = p.charAt(i) == ' ';
            if (!space && !in) {
                n++;
            }
            in = !space;
        }
        return n;
    }

    private static String firstWords(String p, int n) {
        int seen = 0;
        boolean in = false;
        for (int i = 0; i < p.length(); i++) {
            boolean space = p.charAt(i) == ' ';
            if (!space && !in) {
                if (seen == n) {
                    return p.substring(0, i).trim();
                }
                seen++;
            }
            in = !space;
        }
        return p;
    }

    /** Word deletions (40%), insertions (30%) and substitutions (30%: a family word, or a typo) at {@code rate} per word. */
    private String editWords(String paragraph, double rate, int f, SplittableRandom r) {
        String[] words = paragraph.split(" ");
        StringBuilder sb = new StringBuilder(paragraph.length() + 16);
        int next = skip(rate, r);
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (i == next) {
                next = i + 1 + skip(rate, r);
                int op = r.nextInt(10);
                if (op < 4) {
                    continue;                               // deleted
                } else if (op < 7) {
                    append(sb, w);                          // a word inserted after it
                    w = randomWord(f, r);
                } else if (op < 9 || w.length() < 3) {
                    w = randomWord(f, r);                   // substituted
                } else {
                    w = typo(w, r);
                }
            }
            append(sb, w);
        }
        return sb.length() == 0 ? words[0] : sb.toString();
    }

    /** Words to pass before the next edit: geometric with success probability {@code rate}. */
    private static int skip(double rate, SplittableRandom r) {
        if (rate >= 1) {
            return 0;
        }
        double g = Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - rate));
        return g > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE / 2 : (int) g;
    }

    private static void append(StringBuilder sb, String w) {
        if (w.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(w);
    }

    /** Swaps two neighbouring letters, drops one or doubles one. */
    private static String typo(String w, SplittableRandom r) {
        int i = r.nextInt(w.length() - 1);
        if (Character.isSurrogate(w.charAt(i)) || Character.isSurrogate(w.charAt(i + 1))) {
            return w + w.charAt(0);
        }
        return switch (r.nextInt(3)) {
            case 0 -> w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
            case 1 -> w.substring(0, i) + w.substring(i + 1);
            default -> w.substring(0, i + 1) + w.substring(i);
        };
    }

    // ---- real text ----

    private int family(SplittableRandom r) {
        double u = r.nextDouble() * familyCumWeight[familyCumWeight.length - 1];
        for (int f = 0; f < familyCumWeight.length; f++) {
            if (u < familyCumWeight[f]) {
                return f;
            }
        }
        return familyCumWeight.length - 1;
    }

    /** A uniformly random sentence position of family f: {doc, sentence}. */
    private int[] sentenceAt(int f, SplittableRandom r) {
        int[] cum = sentenceCum[f];
        int s = r.nextInt(cum[cum.length - 1]);
        int d = Arrays.binarySearch(cum, s + 1);
        d = d >= 0 ? d : -d - 1;
        while (d > 0 && cum[d - 1] > s) {
            d--;
        }
        int first = d == 0 ? 0 : cum[d - 1];
        return new int[] {d, s - first};
    }

    private String randomSentence(int f, SplittableRandom r) {
        int[] at = sentenceAt(f, r);
        return families.get(f).docs().get(at[0])[at[1]];
    }

    /** Consecutive sentences from a random place until about {@code want} characters (at least one sentence). */
    private String window(int f, SplittableRandom r, int want) {
        int[] at = sentenceAt(f, r);
        String[] doc = families.get(f).docs().get(at[0]);
        StringBuilder sb = new StringBuilder(want + 200);
        for (int i = at[1]; i < doc.length && sb.length() < want; i++) {
            if (sb.length() > 0) {
                if (sb.length() + doc[i].length() / 2 > want) {
                    break; // the next sentence would overshoot by more than half of it
                }
                sb.append(' ');
            }
            sb.append(doc[i]);
        }
        return sb.toString();
    }

    /** The first 2–8 words of a real sentence, without trailing punctuation. */
    private String title(int f, SplittableRandom r) {
        String[] words = randomSentence(f, r).split(" ");
        int n = Math.min(words.length, 2 + r.nextInt(7));
        String t = String.join(" ", Arrays.asList(words).subList(0, n));
        int end = t.length();
        while (end > 1 && !Character.isLetterOrDigit(t.codePointBefore(end))) {
            end -= Character.charCount(t.codePointBefore(end));
        }
        return t.substring(0, end);
    }

    /** A real sentence under 160 characters (the shortest of a few tries). */
    private String shortSentence(int f, SplittableRandom r) {
        String best = randomSentence(f, r);
        for (int i = 0; i < 4 && best.length() >= 160; i++) {
            String s = randomSentence(f, r);
            if (s.length() < best.length()) {
                best = s;
            }
        }
        return best.length() < 160 ? best : title(f, r);
    }

    private String randomWord(int f, SplittableRandom r) {
        String s = randomSentence(f, r);
        int start = r.nextInt(s.length());
        while (start > 0 && s.charAt(start - 1) != ' ') {
            start--;
        }
        int end = s.indexOf(' ', start);
        return s.substring(start, end < 0 ? s.length() : end);
    }

    private String[] popularParagraphs() {
        SplittableRandom r = rng(POPULAR, 0, 0);
        String[] p = new String[POPULAR_PARAGRAPHS];
        for (int i = 0; i < p.length; i++) {
            p[i] = window(family(r), r, 200 + r.nextInt(400));
        }
        return p;
    }

    private SplittableRandom rng(long stream, long a, long b) {
        long h = Hashing.mix(settings.seed() ^ Hashing.mix(stream));
        h = Hashing.mix(h + a * 0x9E3779B97F4A7C15L);
        h = Hashing.mix(h + b * 0xC2B2AE3D27D4EB4FL);
        return new SplittableRandom(h);
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    SourceText source() {
        return source;
    }
}
