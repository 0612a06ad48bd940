package dev.winnow.quality.fasttext;

/**
 * Where read-ahead loads leave their bits. Java has no prefetch instruction, so the fit and the
 * scorer read what they will need with bare loads, whose misses are then in flight together;
 * the loads must be used or the JIT drops them, and a volatile store of their bits uses them.
 */
final class ReadAhead {
    @SuppressWarnings("unused")
    private static volatile long sink;

    private ReadAhead() {}

    static void keep(long bits) {
        sink = bits;
    }
}
