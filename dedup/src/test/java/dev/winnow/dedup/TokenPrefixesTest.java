package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenPrefixesTest {

    @Test
    void handExample() {
        // Frequencies: 1 → 3 sets, 2 → 2, 3 → 1 (singleton), 4 → 2, 5 → 1 (singleton).
        long[][] sets = {{1, 2, 3}, {1, 2, 4}, {1, 4, 5}};
        TokenPrefixes p = new TokenPrefixes(sets, new int[]{3, 2, 2}, 1 << 18);
        assertEquals(3, p.sharedTokens);
        assertArrayEquals(new int[]{1, 0, 1}, p.singletons);
        // Ranks by (frequency, value): 2 → 0, 4 → 1, 1 → 2.
        assertArrayEquals(new int[]{0, 2}, p.sharedPrefix[0], "3 first, then 2, then 1");
        assertArrayEquals(new int[]{0, 1}, p.sharedPrefix[1]);
        assertArrayEquals(new int[]{1}, p.sharedPrefix[2], "the singleton 5 takes one of its two places");
    }

    @Test
    void matchesAReferenceOrderOnRandomCorpora() {
        for (int rangeTokens : new int[]{16, 1000, 1 << 18}) {
            SplittableRandom random = new SplittableRandom(rangeTokens);
            List<long[]> list = JaccardJoinTest.corpus(random, 300, rangeTokens == 1000);
            long[][] sets = list.toArray(new long[0][]);
            int[] prefixLength = new int[sets.length];
            for (int d = 0; d < sets.length; d++) {
                prefixLength[d] = random.nextInt(sets[d].length + 2);
            }
            TokenPrefixes p = new TokenPrefixes(sets, prefixLength, rangeTokens);

            Map<Long, Integer> frequency = new HashMap<>();
            for (long[] s : sets) {
                for (long v : s) {
                    frequency.merge(v, 1, Integer::sum);
                }
            }
            Comparator<Long> order = Comparator.<Long>comparingInt(frequency::get).thenComparing(v -> v);
            List<Long> shared = new ArrayList<>(frequency.keySet().stream().filter(v -> frequency.get(v) > 1).toList());
            shared.sort(order);
            Map<Long, Integer> rank = new HashMap<>();
            for (int r = 0; r < shared.size(); r++) {
                rank.put(shared.get(r), r);
            }
            assertEquals(shared.size(), p.sharedTokens);
            for (int d = 0; d < sets.length; d++) {
                Long[] ordered = Arrays.stream(sets[d]).boxed().sorted(order).toArray(Long[]::new);
                int singletons = (int) Arrays.stream(sets[d]).filter(v -> frequency.get(v) == 1).count();
                int[] expected = Arrays.stream(ordered, 0, Math.min(prefixLength[d], ordered.length))
                        .filter(v -> frequency.get(v) > 1).mapToInt(rank::get).toArray();
                assertEquals(singletons, p.singletons[d], "set " + d);
                assertArrayEquals(expected, p.sharedPrefix[d], "set " + d);
            }
        }
    }
}
