package dev.winnow.quality.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The a-z index: every n-gram of one to three letters has its own index, order and key. */
class NgramTablesTest {
    /** The index as the scorer computes it while reading letters, "c", "bc" or "abc". */
    private static int index(String gram) {
        int index = gram.charAt(gram.length() - 1) - 'a';
        for (int i = gram.length() - 2, scale = 26; i >= 0; i--, scale *= 26) {
            index += scale * (gram.charAt(i) - 'a' + 1);
        }
        return index;
    }

    @Test
    void everyGramOfUpToThreeLettersHasItsIndexOrderAndKey() {
        boolean[] taken = new boolean[NgramTables.AZ_SLOTS];
        StringBuilder gram = new StringBuilder();
        for (int order = 1; order <= 3; order++) {
            int total = (int) Math.pow(26, order);
            for (int n = 0; n < total; n++) {
                gram.setLength(0);
                for (int i = 0, rest = n; i < order; i++, rest /= 26) {
                    gram.insert(0, (char) ('a' + rest % 26));
                }
                int index = index(gram.toString());
                assertEquals(false, taken[index], gram + " shares index " + index);
                taken[index] = true;
                assertEquals(order, NgramTables.azOrder(index), gram.toString());
                assertEquals(NgramHash.of(gram.codePoints().toArray()), NgramTables.azKey(index), gram.toString());
            }
        }
        for (int i = 0; i < taken.length; i++) {
            assertEquals(true, taken[i], "index " + i + " unused");
        }
    }
}
