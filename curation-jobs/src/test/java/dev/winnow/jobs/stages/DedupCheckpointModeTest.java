package dev.winnow.jobs.stages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code checkpoint = auto}: executor-local on a local master, reliable (survives a lost executor) on a cluster. */
class DedupCheckpointModeTest {
    @Test
    void autoFollowsTheMaster() {
        assertEquals("local", DedupStage.checkpointMode("auto", "local[2]"));
        assertEquals("local", DedupStage.checkpointMode("auto", "local-cluster[2,1,1024]"));
        assertEquals("reliable", DedupStage.checkpointMode("auto", "spark://127.0.0.1:7077"));
        assertEquals("reliable", DedupStage.checkpointMode("auto", "yarn"));
        assertEquals("local", DedupStage.checkpointMode("local", "spark://127.0.0.1:7077"));
        assertEquals("reliable", DedupStage.checkpointMode("reliable", "local[1]"));
    }
}
