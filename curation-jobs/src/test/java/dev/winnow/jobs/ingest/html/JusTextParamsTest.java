package dev.winnow.jobs.ingest.html;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JusTextParamsTest {

    @Test
    void defaultsMatchReferenceImplementation() {
        JusTextParams p = JusTextParams.defaults();
        assertEquals(70, p.lengthLow());
        assertEquals(200, p.lengthHigh());
        assertEquals(0.30, p.stopwordsLow());
        assertEquals(0.32, p.stopwordsHigh());
        assertEquals(0.2, p.maxLinkDensity());
        assertEquals(200, p.maxHeadingDistance());
        assertFalse(p.noHeadings());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(-1, 200, 0.3, 0.32, 0.2, 200, false),
                        "lengthLow",
                        "-1"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(0, -5, 0.3, 0.32, 0.2, 200, false),
                        "lengthHigh",
                        "-5"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(300, 200, 0.3, 0.32, 0.2, 200, false),
                        "lengthLow (300)",
                        "lengthHigh (200)"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(70, 200, -0.1, 0.32, 0.2, 200, false),
                        "stopwordsLow",
                        "-0.1"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(70, 200, 0.3, 1.5, 0.2, 200, false),
                        "stopwordsHigh",
                        "1.5"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(70, 200, 0.5, 0.4, 0.2, 200, false),
                        "stopwordsLow (0.5)",
                        "stopwordsHigh (0.4)"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(70, 200, 0.3, 0.32, 1.01, 200, false),
                        "maxLinkDensity",
                        "1.01"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(70, 200, 0.3, 0.32, -0.01, 200, false),
                        "maxLinkDensity",
                        "-0.01"),
                Arguments.of(
                        (Supplier<JusTextParams>)
                                () -> new JusTextParams(70, 200, 0.3, 0.32, Double.NaN, 200, false),
                        "maxLinkDensity",
                        "NaN"),
                Arguments.of(
                        (Supplier<JusTextParams>)
                                () -> new JusTextParams(70, 200, Double.NaN, 0.32, 0.2, 200, false),
                        "stopwordsLow",
                        "NaN"),
                Arguments.of(
                        (Supplier<JusTextParams>) () -> new JusTextParams(70, 200, 0.3, 0.32, 0.2, -3, false),
                        "maxHeadingDistance",
                        "-3"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidValuesAreRejectedWithNameAndValue(
            Supplier<JusTextParams> build, String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertDoesNotThrow(() -> new JusTextParams(0, 0, 0.0, 0.0, 0.0, 0, true));
        assertDoesNotThrow(() -> new JusTextParams(100, 100, 1.0, 1.0, 1.0, Integer.MAX_VALUE, false));
        assertDoesNotThrow(() -> new JusTextParams(70, 200, 0.32, 0.32, 0.2, 200, false));
    }

    @Test
    void withNoHeadingsChangesOnlyThatField() {
        JusTextParams d = JusTextParams.defaults();
        JusTextParams n = d.withNoHeadings(true);
        assertTrue(n.noHeadings());
        assertEquals(new JusTextParams(70, 200, 0.30, 0.32, 0.2, 200, true), n);
        assertEquals(d, n.withNoHeadings(false));
    }

    @Test
    void serializesForSparkClosures() throws Exception {
        JusTextParams p = new JusTextParams(50, 150, 0.25, 0.35, 0.3, 120, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(p, in.readObject());
        }
    }
}
