package dev.winnow.blending.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StageChainTest {
    /** A manifest at {@code index} that read {@code input} and wrote {@code output}, started at {@code started}. */
    private static StageRecord m(String stage, int index, String input, String output, String started) {
        return new StageRecord(stage, index, input, output, started);
    }

    private static List<String> stages(List<StageRecord> ms) {
        return ms.stream().map(x -> x.index() + "-" + x.stage()).toList();
    }

    @Test
    void aRunsOwnStagesAreAllCurrent() {
        StageChain<StageRecord> c = StageChain.of(List.of(m("ingest", 1, "files", "i1", "t1"), m("clean", 2, "i1", "c1", "t2"),
                m("language", 3, "c1", "l1", "t3")));
        assertEquals(List.of("1-ingest", "2-clean", "3-language"), stages(c.current()));
        assertEquals(List.of(), c.stale());
    }

    @Test
    void aStageDroppedFromTheListAndTheOnesAfterItAreStale() {
        // First [ingest, clean, language, quality]; then [ingest, clean, quality]: quality is now 03.
        StageChain<StageRecord> c = StageChain.of(List.of(m("ingest", 1, "files", "i1", "t1"), m("clean", 2, "i1", "c1", "t2"),
                m("language", 3, "c1", "l1", "t3"), m("quality", 4, "l1", "q1", "t4"),
                m("quality", 3, "c1", "q2", "t5")));
        assertEquals(List.of("1-ingest", "2-clean", "3-quality"), stages(c.current()));
        assertEquals(List.of(
                new StageChain.Stale("03-language", "replaced at position 3 by quality, which ran later"),
                new StageChain.Stale("04-quality", "its input is not the output of 03-quality, the stage before it now")),
                c.stale());
    }

    @Test
    void stagesAfterOneRerunWithToAreStale() {
        // clean ran again (--to clean) with new settings: language still holds the old clean's output.
        StageChain<StageRecord> c = StageChain.of(List.of(m("ingest", 1, "files", "i1", "t1"), m("clean", 2, "i1", "c2", "t9"),
                m("language", 3, "c1", "l1", "t3"), m("quality", 4, "l1", "q1", "t4")));
        assertEquals(List.of("1-ingest", "2-clean"), stages(c.current()));
        assertEquals(List.of(
                new StageChain.Stale("03-language", "its input is not the output of 02-clean, the stage before it now"),
                new StageChain.Stale("04-quality", "the stage before it is stale or missing")), c.stale());
    }

    @Test
    void noIngestNoChain() {
        StageChain<StageRecord> c = StageChain.of(List.of(m("clean", 2, "i1", "c1", "t2")));
        assertEquals(List.of(), c.current());
        assertEquals(List.of(new StageChain.Stale("02-clean", "the stage before it is stale or missing")), c.stale());
    }
}
