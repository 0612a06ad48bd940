package dev.winnow.blending.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SizesTest {
    @Test
    void bytesAreInDecimalUnitsWithOneDecimal() {
        assertEquals("0 B", Sizes.bytes(0));
        assertEquals("812 B", Sizes.bytes(812));
        assertEquals("1.0 kB", Sizes.bytes(1000));
        assertEquals("999.9 kB", Sizes.bytes(999_949));
        assertEquals("1.0 MB", Sizes.bytes(999_960));
        assertEquals("37.5 GB", Sizes.bytes(37_500_000_000L));
        assertEquals("680.0 TB", Sizes.bytes(680_000_000_000_000L));
    }
}
