package dev.winnow.dedup.bench;

import dev.winnow.dedup.ExactKey;
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
import java.util.concurrent.TimeUnit;

/**
 * Exact dedup's key per document on one thread: SHA-1 of the normalized text, and of the raw text
 * (the digest alone: what normalization adds). The {@code bytes} counter gives UTF-8 text bytes
 * per second. Text: generated English-like documents, or one per line of {@code -p textFile=PATH}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExactKeyBenchmark {
    @Param({""})
    public String textFile;

    private BenchDocuments docs;
    private final ExactKey normalized = new ExactKey(true);
    private final ExactKey raw = new ExactKey(false);

    @Setup(Level.Trial)
    public void load() throws IOException {
        docs = new BenchDocuments(textFile);
    }

    @Benchmark
    public String keyNormalized(TextBytes counter) {
        return normalized.of(docs.texts[docs.next(counter)]);
    }

    @Benchmark
    public String keyRaw(TextBytes counter) {
        return raw.of(docs.texts[docs.next(counter)]);
    }
}
