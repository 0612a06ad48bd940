package dev.winnow.dedup.bench;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.HashSort;
import dev.winnow.dedup.LshBands;
import dev.winnow.dedup.MinHasher;
import dev.winnow.dedup.ShingleUnit;
import dev.winnow.dedup.Shingler;
import dev.winnow.dedup.WordTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzy-dedup signature throughput on one thread: word tokens (WordTokenizer against Lucene's
 * StandardTokenizer), word 5-gram shingling, MinHash of the shingles
 * (140 and 260 hashes; the loop {@link MinHasher} picks, and the scalar loop beside it), and the whole per-document path (shingles, 260-hash signature, 20 band
 * keys). Each call handles the next document; the {@code bytes} counter gives UTF-8 text bytes
 * per second (bench/dedup-jmh.sh turns it into MB/s). Text: generated English-like documents, or
 * one document per line of the file given as {@code -p textFile=PATH}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmark {
    /** One document per non-blank line; empty: 2,000 generated documents. */
    @Param({""})
    public String textFile;

    private BenchDocuments documents;
    private String[] docs;
    private long[][] shingles;
    /** Each document's shingles in text order, as the shingler has them before sorting. */
    private long[][] unsorted;
    private Shingler shingler;
    private MinHasher minHash140;
    private MinHasher minHash260;
    private LshBands bands;
    private final HashSort hashSort = new HashSort();
    private final WordTokenizer wordTokenizer = new WordTokenizer();
    private final StandardTokenizer lucene = new StandardTokenizer();
    private final CharTermAttribute term = lucene.addAttribute(CharTermAttribute.class);
    private long tokenChars;
    private final WordTokenizer.TokenSink countChars = (chars, offset, length) -> tokenChars += length;

    @Setup(Level.Trial)
    public void load() throws IOException {
        BenchDocuments loaded = new BenchDocuments(textFile);
        documents = loaded;
        docs = loaded.texts;
        FuzzyParams params = FuzzyParams.DEFAULT;
        shingler = new Shingler(ShingleUnit.WORD, 5);
        minHash140 = new MinHasher(140, params.seed());
        minHash260 = params.minHasher();
        bands = params.lshBands();
        shingles = new long[docs.length][];
        unsorted = new long[docs.length][];
        long totalBytes = 0;
        long totalShingles = 0;
        for (int d = 0; d < docs.length; d++) {
            shingles[d] = shingler.shingles(docs[d]);
            unsorted[d] = shuffled(shingles[d], d);
            totalBytes += loaded.bytes[d];
            totalShingles += shingles[d].length;
        }
        System.out.printf("%ncorpus: %d documents, %.1f MB UTF-8, %.0f bytes and %.0f shingles per document; "
                + "MinHash loop: %s%n", docs.length, totalBytes / 1e6, (double) totalBytes / docs.length,
                (double) totalShingles / docs.length, MinHasher.loop());
    }

    /** A random order (seeded by the document): shingle hashes come in text order, which is random in value. */
    private static long[] shuffled(long[] values, long seed) {
        long[] out = values.clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private int nextDoc(TextBytes counter) {
        return documents.next(counter);
    }

    @Benchmark
    public long[] shingleWords5(TextBytes counter) {
        return shingler.shingles(docs[nextDoc(counter)]);
    }

    /** Word tokens as the shingler finds them: WordTokenizer... */
    @Benchmark
    public long tokensWordTokenizer(TextBytes counter) {
        tokenChars = 0;
        wordTokenizer.tokenize(docs[nextDoc(counter)], countChars);
        return tokenChars;
    }

    /** ...and Lucene's StandardTokenizer alone, the same tokens (the shingler's tokenizer before WordTokenizer). */
    @Benchmark
    public long tokensLucene(TextBytes counter) throws IOException {
        long chars = 0;
        lucene.setReader(new StringReader(docs[nextDoc(counter)]));
        lucene.reset();
        while (lucene.incrementToken()) {
            chars += term.length();
        }
        lucene.end();
        lucene.close();
        return chars;
    }

    @Benchmark
    public long[] minHash140(TextBytes counter) {
        return minHash140.signature(shingles[nextDoc(counter)]);
    }

    @Benchmark
    public long[] minHash260(TextBytes counter) {
        return minHash260.signature(shingles[nextDoc(counter)]);
    }

    /** The scalar loop, the baseline of the two above where they run on the Vector API. */
    @Benchmark
    public long[] minHash140Scalar(TextBytes counter) {
        return minHash140.scalarSignature(shingles[nextDoc(counter)]);
    }

    @Benchmark
    public long[] minHash260Scalar(TextBytes counter) {
        return minHash260.scalarSignature(shingles[nextDoc(counter)]);
    }

    /** Sorting a document's shingle hashes and dropping repeats: Arrays.sort, the old way and the baseline... */
    @Benchmark
    public long[] sortDistinctJdk(TextBytes counter) {
        long[] s = unsorted[nextDoc(counter)].clone();
        java.util.Arrays.sort(s);
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (n == 0 || s[i] != s[n - 1]) {
                s[n++] = s[i];
            }
        }
        return java.util.Arrays.copyOf(s, n);
    }

    /** ...and HashSort, which the shingler uses (the sets are distinct already: sort cost only). */
    @Benchmark
    public long[] sortDistinctHash(TextBytes counter) {
        long[] s = unsorted[nextDoc(counter)].clone();
        return hashSort.sortedDistinct(s, s.length);
    }

    /** What fuzzy dedup does per document: shingles, signature, band keys. */
    @Benchmark
    public long[] endToEnd260(TextBytes counter) {
        long[] signature = minHash260.signature(shingler.shingles(docs[nextDoc(counter)]));
        return signature == null ? null : bands.keys(signature);
    }
}
