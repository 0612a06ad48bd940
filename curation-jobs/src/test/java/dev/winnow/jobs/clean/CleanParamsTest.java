package dev.winnow.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class CleanParamsTest {

    @Test
    void defaults() {
        CleanParams p = CleanParams.defaults();
        assertEquals(200, p.minChars());
        assertEquals(1_000_000, p.maxChars());
        assertTrue(p.repairMojibake());
        assertEquals(1, p.maxBlankLines());
    }

    @Test
    void rejectsNegativeMinChars() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CleanParams(-1, 10, true, 1));
        assertEquals("minChars must be >= 0, got -1", e.getMessage());
    }

    @Test
    void rejectsMaxBelowMin() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CleanParams(200, 199, true, 1));
        assertEquals("maxChars must be >= minChars (200), got 199", e.getMessage());
    }

    @Test
    void rejectsNegativeMaxBlankLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CleanParams(0, 10, false, -3));
        assertEquals("maxBlankLines must be >= 0, got -3", e.getMessage());
    }

    @Test
    void acceptsBoundaryValues() {
        assertDoesNotThrow(() -> new CleanParams(0, 0, false, 0));
        assertDoesNotThrow(() -> new CleanParams(5, 5, true, 0));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        TextCleaner cleaner = new TextCleaner(new CleanParams(3, 50, false, 2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cleaner);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            TextCleaner copy = (TextCleaner) in.readObject();
            assertEquals(cleaner.params(), copy.params());
            assertEquals("a\n\n\nb", copy.normalize("a\n\n\n\n\nb"));
        }
    }
}
