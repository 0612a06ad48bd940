package dev.winnow.dedup;

import java.util.Arrays;

/**
 * Groups of identical non-empty sets (exact copies are common: licences, boilerplate pages).
 * A join compares one set per group and multiplies the pairs out, so a thousand copies cost
 * one set's work, not half a million verifications.
 */
final class IdenticalSets {
    /** The distinct non-empty sets, each by its first index, ascending. */
    final int[] distinct;
    /** Indices of the copies of distinct set {@code g}: {@code members[memberStart[g] .. memberStart[g + 1])}, ascending. */
    final int[] memberStart;
    final int[] members;

    IdenticalSets(long[][] sets) {
        int[] group = new int[sets.length];
        int capacity = Integer.highestOneBit(Math.max(4, sets.length) * 2) * 2;
        int mask = capacity - 1;
        long[] slotHash = new long[capacity];
        int[] slotGroup = new int[capacity]; // group + 1; 0 = empty
        int[] firstOf = new int[sets.length];
        int groups = 0;
        for (int d = 0; d < sets.length; d++) {
            if (sets[d].length == 0) {
                group[d] = -1;
                continue;
            }
            long h = Hashing.combine(sets[d].length, sets[d], 0, sets[d].length);
            int slot = (int) h & mask;
            while (slotGroup[slot] != 0
                    && !(slotHash[slot] == h && Arrays.equals(sets[firstOf[slotGroup[slot] - 1]], sets[d]))) {
                slot = (slot + 1) & mask;
            }
            if (slotGroup[slot] == 0) {
                slotHash[slot] = h;
                slotGroup[slot] = ++groups;
                firstOf[groups - 1] = d;
            }
            group[d] = slotGroup[slot] - 1;
        }
        distinct = Arrays.copyOf(firstOf, groups);
        memberStart = new int[groups + 1];
        for (int g : group) {
            if (g >= 0) {
                memberStart[g + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            memberStart[g + 1] += memberStart[g];
        }
        members = new int[memberStart[groups]];
        int[] fill = Arrays.copyOf(memberStart, groups);
        for (int d = 0; d < sets.length; d++) {
            if (group[d] >= 0) {
                members[fill[group[d]]++] = d;
            }
        }
    }
}
