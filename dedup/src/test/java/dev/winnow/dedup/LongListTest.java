package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LongListTest {

    @Test
    void growsAndSortsDistinct() {
        LongList list = new LongList();
        for (int i = 0; i < 1000; i++) {
            list.add((i * 37) % 500 - 250); // every value of [-250, 250) twice
        }
        long[] more = {Long.MAX_VALUE, Long.MIN_VALUE, 3};
        list.addAll(more, 0, 3);
        assertEquals(1003, list.size());
        assertEquals(Long.MIN_VALUE, list.get(1001));
        long[] expected = new long[502];
        expected[0] = Long.MIN_VALUE;
        for (int i = 0; i < 500; i++) {
            expected[i + 1] = i - 250;
        }
        expected[501] = Long.MAX_VALUE;
        assertArrayEquals(expected, list.sortedDistinct());
        list.clear();
        assertEquals(0, list.size());
        assertArrayEquals(new long[0], list.sortedDistinct());
        list.addAll(new long[5000], 0, 5000);
        assertArrayEquals(new long[1], list.sortedDistinct());
        assertEquals(0, Arrays.stream(new long[0]).count());
    }
}
