package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compiler hashes whole n-grams with {@link NgramHash#of}; the detector builds the same keys
 * incrementally with {@link NgramHash#extend}. If the two ever disagree, every lookup misses.
 */
class NgramHashTest {

    @Test
    void ofIsTheExtendChainFromTheLastCodePointBackwards() {
        int[][] grams = {
            {'a'}, {'a', 'b'}, {'t', 'h', 'e'}, {'s', 'c', 'h', 'e', 'n'}, {'я', 'з'}, {0x20000, '中', 'a'}};
        for (int[] g : grams) {
            long h = NgramHash.SEED;
            for (int i = g.length - 1; i >= 0; i--) {
                h = NgramHash.extend(h, g[i]);
            }
            assertEquals(h, NgramHash.of(g), () -> new String(g, 0, g.length));
        }
    }

    @Test
    void emptyNgramIsTheSeed() {
        assertEquals(NgramHash.SEED, NgramHash.of(new int[0]));
    }

    /** What the detector relies on: the key of order k+1 extends the key of order k ending at the same letter. */
    @Test
    void longerNgramExtendsTheKeyOfItsSuffix() {
        long suffix = NgramHash.of(new int[] {'h', 'e'});
        assertEquals(NgramHash.of(new int[] {'t', 'h', 'e'}), NgramHash.extend(suffix, 't'));
    }

    @Test
    void orderOfLettersMatters() {
        assertNotEquals(NgramHash.of(new int[] {'a', 'b'}), NgramHash.of(new int[] {'b', 'a'}));
        assertNotEquals(NgramHash.of(new int[] {'a'}), NgramHash.of(new int[] {'a', 'a'}));
    }

    /** Keys of different n-grams, of the same or different orders, must not collide on a small alphabet. */
    @Test
    void allOneToThreeGramsOverASmallAlphabetAreDistinct() {
        int[] alphabet = new int[30];
        for (int i = 0; i < 26; i++) {
            alphabet[i] = 'a' + i;
        }
        alphabet[26] = 'é';
        alphabet[27] = 'ж';
        alphabet[28] = '中';
        alphabet[29] = 0x1F600; // outside the BMP
        Set<Long> keys = new HashSet<>();
        Set<Integer> low32 = new HashSet<>();
        int n = 0;
        for (int a : alphabet) {
            n++;
            keys.add(NgramHash.of(new int[] {a}));
            for (int b : alphabet) {
                n++;
                keys.add(NgramHash.of(new int[] {a, b}));
                for (int c : alphabet) {
                    n++;
                    long key = NgramHash.of(new int[] {a, b, c});
                    keys.add(key);
                    low32.add((int) key);
                }
            }
        }
        assertEquals(30 + 900 + 27000, n);
        assertEquals(n, keys.size());
        // The table places keys by their low 32 bits: they should spread, not cluster.
        assertEquals(27000, low32.size(), 2);
    }
}
