package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class HashingTest {

    /** mix is SplitMix64's finalizer: the JDK's SplittableRandom(0) draws mix(golden ratio) first. */
    @Test
    void mixIsSplitMix64sFinalizer() {
        assertEquals(new SplittableRandom(0).nextLong(), Hashing.mix(0x9E3779B97F4A7C15L));
        assertEquals(0xE220A8397B1DCDAFL, Hashing.mix(0x9E3779B97F4A7C15L));
    }

    /** Stored signatures and band keys depend on these values: changing them is a format change. */
    @Test
    void valuesAreFixed() {
        assertEquals(0x5692161D100B05E5L, Hashing.mix(1));
        assertEquals(0xBC129D2919BF6B05L, Hashing.chars("Hello".toCharArray(), 0, 5, true));
        assertEquals(0xEEF28737A28707D8L, Hashing.chars("Hello".toCharArray(), 0, 5, false));
        assertEquals(0x040F59F3E6C3E0D9L, Hashing.combine(5, new long[]{1, 2, 3}, 0, 3));
    }

    @Test
    void mixHasNoCollisionsOnConsecutiveInputs() {
        Set<Long> seen = new HashSet<>();
        for (long i = -50_000; i < 50_000; i++) {
            seen.add(Hashing.mix(i));
        }
        assertEquals(100_000, seen.size());
    }

    @Test
    void charsHashesTheSliceAndLowerCasesOnRequest() {
        char[] text = "xxHELLOxx".toCharArray();
        assertEquals(Hashing.chars("hello".toCharArray(), 0, 5, false), Hashing.chars(text, 2, 5, true));
        assertNotEquals(Hashing.chars("hello".toCharArray(), 0, 5, false), Hashing.chars(text, 2, 5, false));
        assertNotEquals(Hashing.chars(text, 2, 5, true), Hashing.chars(text, 2, 4, true));
        assertNotEquals(Hashing.chars("ab".toCharArray(), 0, 2, false), Hashing.chars("ba".toCharArray(), 0, 2, false));
    }

    /** Letters outside the BMP (a surrogate pair each) lower-case too: Deseret 𐐀 (U+10400) is 𐐨 (U+10428). */
    @Test
    void charsLowerCasesSupplementaryLetters() {
        char[] upper = "\uD801\uDC00x".toCharArray();
        char[] lower = "\uD801\uDC28x".toCharArray();
        assertEquals(Hashing.chars(lower, 0, 3, false), Hashing.chars(upper, 0, 3, true));
        assertNotEquals(Hashing.chars(lower, 0, 3, false), Hashing.chars(upper, 0, 3, false));
        // A lone surrogate is hashed as it is.
        assertEquals(Hashing.chars(new char[]{'\uD801'}, 0, 1, false), Hashing.chars(new char[]{'\uD801'}, 0, 1, true));
    }

    /** Every char of the Basic Multilingual Plane lower-cases as Character.toLowerCase says (ASCII has its own path). */
    @Test
    void charsLowerCasesEveryBmpCharAsCharacterDoes() {
        for (int c = 0; c <= 0xFFFF; c++) {
            char[] one = {(char) c};
            char[] lowered = {Character.toLowerCase((char) c)};
            assertEquals(Hashing.chars(lowered, 0, 1, false), Hashing.chars(one, 0, 1, true), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void combineDependsOnSeedOrderAndCount() {
        long[] v = {10, 20, 30, 0};
        long base = Hashing.combine(1, v, 0, 3);
        assertNotEquals(base, Hashing.combine(2, v, 0, 3));
        assertNotEquals(base, Hashing.combine(1, new long[]{20, 10, 30}, 0, 3));
        assertNotEquals(base, Hashing.combine(1, v, 0, 4), "a trailing zero still counts");
        assertEquals(base, Hashing.combine(1, new long[]{7, 10, 20, 30}, 1, 3));
    }
}
