package dev.winnow.jobs.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTest {
    @Test
    void durationsReadAsAPersonPlanningARerunWants() {
        assertEquals("0.0 s", Progress.duration(0));
        assertEquals("41.2 s", Progress.duration(41_240));
        assertEquals("1 min 0 s", Progress.duration(60_000));
        assertEquals("12 min 5 s", Progress.duration(725_000));
        assertEquals("3 h 2 min", Progress.duration(3 * 3_600_000L + 125_000));
    }
}
