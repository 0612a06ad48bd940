package dev.winnow.trainer.data;

import java.util.Arrays;

/**
 * One shard row's token ids, in a buffer the reader reuses for the next row (no allocation per
 * document): read {@code ids[0..length)} before asking for the next row.
 */
public final class TokenRow {
    int[] ids = new int[1024];
    int length;

    public int[] ids() {
        return ids;
    }

    public int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    void add(int id) {
        if (length == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[length++] = id;
    }
}
