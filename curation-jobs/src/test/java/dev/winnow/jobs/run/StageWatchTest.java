package dev.winnow.jobs.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageWatchTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private String awaitLines(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (printed().lines().count() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return printed();
    }

    @Test
    void printsTheActiveSparkStagesTasksWhileTheStageRuns() throws InterruptedException {
        List<StageWatch.Active> active = List.of(new StageWatch.Active(31, 1_400, 2, 4_000),
                new StageWatch.Active(32, 0, 0, 200), new StageWatch.Active(33, 0, 0, 1),
                new StageWatch.Active(34, 0, 0, 1));
        try (StageWatch w = StageWatch.start("fuzzy-dedup", Duration.ofMillis(20), () -> active, progress)) {
            String out = awaitLines(2);
            String first = out.lines().findFirst().orElseThrow();
            assertTrue(first.matches("      … fuzzy-dedup: [0-9.]+ s; Spark stage 31: 1,400/4,000 tasks done, 2 running; "
                    + "Spark stage 32: 0/200 tasks done, 0 running; Spark stage 33: 0/1 tasks done, 0 running; "
                    + "1 more"), first);
        }
    }

    @Test
    void saysWhenNoSparkStageIsActiveAndStopsWhenClosed() throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        StageWatch w = StageWatch.start("quality", Duration.ofMillis(20), () -> {
            reads.incrementAndGet();
            return List.of();
        }, progress);
        String out = awaitLines(1);
        w.close();
        assertTrue(out.startsWith("      … quality: ") && out.contains("no Spark stage active (the driver is working)"), out);
        Thread.sleep(100); // let a tick that was already running finish
        int after = reads.get();
        Thread.sleep(200);
        assertEquals(after, reads.get(), "read after close");
    }

    @Test
    void aFailingStatusReadDoesNotStopTheWatchAndZeroWatchesNothing() throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        try (StageWatch w = StageWatch.start("blend", Duration.ofMillis(20), () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("SparkContext stopped");
            }
            return List.of();
        }, progress)) {
            assertTrue(awaitLines(1).contains("… blend: "), printed());
        }
        bytes.reset();
        try (StageWatch w = StageWatch.start("blend", Duration.ZERO, () -> {
            throw new AssertionError("read with the watch off");
        }, progress)) {
            Thread.sleep(100);
        }
        assertEquals("", printed());
    }
}
