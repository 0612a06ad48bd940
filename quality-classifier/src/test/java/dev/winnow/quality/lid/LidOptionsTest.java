package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Options come from configuration: a bad value must fail early and say which setting is wrong. */
class LidOptionsTest {

    private static void rejects(String parameter, Executable create) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, create);
        assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
    }

    @Test
    void defaultsAreValid() {
        LidOptions d = LidOptions.DEFAULT;
        assertEquals(d, new LidOptions(d.maxChars(), d.windows(), d.maxOrder(), d.shortTextLetters(), d.longTextOrder(),
                d.shortlistMargin(), d.shortlistMarginPerLetter(), d.temperature(), d.topK()));
    }

    @Test
    void maxCharsAtLeast16() {
        rejects("maxChars", () -> new LidOptions(15, 1, 5, 80, 3, 20, 0.5, 4, 3));
        rejects("maxChars", () -> new LidOptions(-1, 1, 5, 80, 3, 20, 0.5, 4, 3));
        assertDoesNotThrow(() -> new LidOptions(16, 2, 5, 80, 3, 20, 0.5, 4, 3));
    }

    @Test
    void windowsBetweenOneAndMaxCharsOverEight() {
        rejects("windows", () -> new LidOptions(2048, 0, 5, 80, 3, 20, 0.5, 4, 3));
        rejects("windows", () -> new LidOptions(2048, 257, 5, 80, 3, 20, 0.5, 4, 3));
        rejects("windows", () -> new LidOptions(16, 3, 5, 80, 3, 20, 0.5, 4, 3));
        assertDoesNotThrow(() -> new LidOptions(2048, 256, 5, 80, 3, 20, 0.5, 4, 3));
    }

    @Test
    void ordersBetweenOneAndFive() {
        rejects("maxOrder", () -> new LidOptions(2048, 8, 0, 80, 3, 20, 0.5, 4, 3));
        rejects("maxOrder", () -> new LidOptions(2048, 8, 6, 80, 3, 20, 0.5, 4, 3));
        rejects("longTextOrder", () -> new LidOptions(2048, 8, 5, 80, 0, 20, 0.5, 4, 3));
        rejects("longTextOrder", () -> new LidOptions(2048, 8, 5, 80, 6, 20, 0.5, 4, 3));
        assertDoesNotThrow(() -> new LidOptions(2048, 8, 1, 80, 5, 20, 0.5, 4, 3));
    }

    @Test
    void shortTextLettersNotNegative() {
        rejects("shortTextLetters", () -> new LidOptions(2048, 8, 5, -1, 3, 20, 0.5, 4, 3));
        assertDoesNotThrow(() -> new LidOptions(2048, 8, 5, 0, 3, 20, 0.5, 4, 3));
    }

    @Test
    void shortlistMarginsNotNegativeNorNaN() {
        rejects("shortlist margin", () -> new LidOptions(2048, 8, 5, 80, 3, -1, 0.5, 4, 3));
        rejects("shortlist margin", () -> new LidOptions(2048, 8, 5, 80, 3, 20, -0.5, 4, 3));
        rejects("shortlist margin", () -> new LidOptions(2048, 8, 5, 80, 3, Double.NaN, 0.5, 4, 3));
        rejects("shortlist margin", () -> new LidOptions(2048, 8, 5, 80, 3, 20, Double.NaN, 4, 3));
        assertDoesNotThrow(() -> new LidOptions(2048, 8, 5, 80, 3, 0, 0, 4, 3));
    }

    @Test
    void temperaturePositiveAndFinite() {
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            rejects("temperature", () -> new LidOptions(2048, 8, 5, 80, 3, 20, 0.5, t, 3));
        }
        assertDoesNotThrow(() -> new LidOptions(2048, 8, 5, 80, 3, 20, 0.5, 0.01, 3));
    }

    @Test
    void topKAtLeastOne() {
        rejects("topK", () -> new LidOptions(2048, 8, 5, 80, 3, 20, 0.5, 4, 0));
    }

    @Test
    void withersChangeOneSettingAndValidateIt() {
        LidOptions d = LidOptions.DEFAULT;
        assertEquals(4096, d.withMaxChars(4096).maxChars());
        assertEquals(d.windows(), d.withMaxChars(4096).windows());
        assertEquals(2, d.withMaxOrder(2).maxOrder());
        LidOptions orders = d.withOrders(4, 50, 2);
        assertEquals(4, orders.maxOrder());
        assertEquals(50, orders.shortTextLetters());
        assertEquals(2, orders.longTextOrder());
        assertEquals(d.temperature(), orders.temperature());
        assertEquals(1.5, d.withTemperature(1.5).temperature());
        assertEquals(d.topK(), d.withTemperature(1.5).topK());
        rejects("maxOrder", () -> d.withMaxOrder(6));
        rejects("windows", () -> d.withMaxChars(32)); // 8 windows need at least 64 chars
        rejects("temperature", () -> d.withTemperature(0));
        rejects("longTextOrder", () -> d.withOrders(5, 80, 9));
    }
}
