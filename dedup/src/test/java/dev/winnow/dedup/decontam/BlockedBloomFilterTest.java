package dev.winnow.dedup.decontam;

import dev.winnow.dedup.Hashing;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockedBloomFilterTest {
    @Test
    void neverForgetsAKeyAndRarelyInventsOne() {
        int n = 200_000;
        BlockedBloomFilter f = new BlockedBloomFilter(n);
        for (int i = 0; i < n; i++) {
            f.add(Hashing.mix(i));
        }
        for (int i = 0; i < n; i++) {
            assertTrue(f.mightContain(Hashing.mix(i)));
        }
        int falsePositives = 0;
        int probes = 1_000_000;
        for (int i = 0; i < probes; i++) {
            falsePositives += f.mightContain(Hashing.mix(n + i)) ? 1 : 0;
        }
        double rate = falsePositives / (double) probes;
        // 16 bits per key, its 4 bits in one 64-bit word: about 0.5% (a standard filter: 0.2%).
        assertTrue(rate < 0.01, "false positive rate " + rate);
        assertTrue(f.sizeBytes() <= n * 2L + 8, "16 bits per key, not rounded up to a power of two: " + f.sizeBytes());
    }

    @Test
    void tinyFiltersWork() {
        BlockedBloomFilter f = new BlockedBloomFilter(0);
        assertTrue(!f.mightContain(42));
        f.add(42);
        assertTrue(f.mightContain(42));
    }
}
