package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FuzzyParamsTest {

    @Test
    void defaultsAreWordFiveGramsTwentyBandsOfThirteen() {
        FuzzyParams p = FuzzyParams.DEFAULT;
        assertEquals(ShingleUnit.WORD, p.shingler().unit());
        assertEquals(5, p.shingler().size());
        assertEquals(260, p.minHasher().numHashes());
        assertEquals(p.minHasher().numHashes(), p.lshBands().numHashes());
        assertEquals(42, p.minHasher().seed());
        assertEquals(0.794, p.lshBands().threshold(), 0.001, "the S-curve midpoint of the Javadoc");
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> params(null, 5, 20, 13, 0.8));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 0, 20, 13, 0.8));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 65, 20, 13, 0.8));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 5, 0, 13, 0.8));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 5, 20, 0, 0.8));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 5, 1000, 101, 0.8));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 5, 20, 13, 0));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 5, 20, 13, 1.0001));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 5, 20, 13, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> params(ShingleUnit.WORD, 5, 65_536, 65_536, 0.8),
                "bands x rows overflows an int");
    }

    @Test
    void acceptsTheLimits() {
        assertDoesNotThrow(() -> params(ShingleUnit.CHAR, 1, 1, 1, 1.0));
        assertDoesNotThrow(() -> params(ShingleUnit.CHAR, 64, 1000, 100, Double.MIN_VALUE));
    }

    private static FuzzyParams params(ShingleUnit unit, int shingle, int bands, int rows, double threshold) {
        return new FuzzyParams(unit, shingle, bands, rows, threshold, true, 1);
    }
}
