package dev.winnow.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SyntheticLengthsTest {
    @TempDir
    Path tmp;

    @Test
    void lengthsAddUpToTheDatasetAndHaveTheAskedMean() {
        SyntheticLengths l = SyntheticLengths.generate(tmp.resolve("a.i32"), 10_000_000, 900, 1.0, 7);
        long sum = 0;
        for (int d = 0; d < l.documents(); d++) {
            sum += l.length(d);
        }
        assertEquals(10_000_000, sum);
        assertEquals(900, (double) sum / l.documents(), 900 * 0.05); // ~11k log-normal draws of σ = 1
    }

    @Test
    void sameSeedSameLengths() {
        SyntheticLengths a = SyntheticLengths.generate(tmp.resolve("a.i32"), 100_000, 500, 1.0, 3);
        SyntheticLengths b = SyntheticLengths.generate(tmp.resolve("b.i32"), 100_000, 500, 1.0, 3);
        assertEquals(a.documents(), b.documents());
        for (int d = 0; d < a.documents(); d++) {
            assertEquals(a.length(d), b.length(d));
        }
    }
}
