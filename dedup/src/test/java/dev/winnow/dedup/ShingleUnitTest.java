package dev.winnow.dedup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShingleUnitTest {

    @Test
    void parsesNamesInAnyCase() {
        assertEquals(ShingleUnit.WORD, ShingleUnit.parse("Word"));
        assertEquals(ShingleUnit.CHAR, ShingleUnit.parse(" CHAR "));
        assertEquals("word", ShingleUnit.WORD.toString());
        assertEquals(ShingleUnit.CHAR, ShingleUnit.parse(ShingleUnit.CHAR.toString()));
        assertThrows(IllegalArgumentException.class, () -> ShingleUnit.parse("token"));
    }
}
