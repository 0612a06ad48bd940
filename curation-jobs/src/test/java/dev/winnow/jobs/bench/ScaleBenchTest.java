package dev.winnow.jobs.bench;

import dev.winnow.jobs.run.StageManifest;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scale benchmark's arithmetic: growth against the data ratio, speed-up, and the projection. */
class ScaleBenchTest {
    private static StageManifest stage(String name, int index, long ms) {
        return new StageManifest(name, index, null, null, null, 0, 0, 0, Map.of(), Map.of(), List.of(), null, ms,
                null, null, Map.of("tokens", 0L), null, Map.of(), List.of(), null);
    }

    private static ScaleBench.Run run(int factor, int cores, long ingestMs, long blendMs, long tokens) {
        StageManifest blend = new StageManifest("blend", 1, null, null, null, 0, 0, 0, Map.of(), Map.of(),
                List.of(), null, blendMs, null, null, Map.of("tokens", tokens), null, Map.of(), List.of(), null);
        return new ScaleBench.Run(factor, cores, factor * 1_000_000L, tokens, List.of(stage("ingest", 0, ingestMs), blend));
    }

    @Test
    void growthIsCostRatioOverDataRatioAndSpeedUpIsOneCoreOverTwo() {
        List<ScaleBench.Run> runs = List.of(run(1, 1, 10_000, 20_000, 250_000), run(1, 2, 5_000, 12_500, 250_000),
                run(4, 1, 48_000, 80_000, 1_000_000), run(4, 2, 24_000, 40_000, 1_000_000));
        String s = ScaleBench.summary(runs);
        // local[1], 1x -> 4x: ingest 48/10/4 = 1.20, blend 80/20/4 = 1.00, all 128/30/4 = 1.07
        assertTrue(s.contains("local[1], 1x -> 4x (data x4.00)"), s);
        assertTrue(s.contains("ingest         1.20"), s);
        assertTrue(s.contains("blend          1.00"), s);
        assertTrue(s.contains("all            1.07"), s);
        // 1x: speed-up 10/5 = 2.00 for ingest, 20/12.5 = 1.60 for blend, 30/17.5 = 1.71 in all
        assertTrue(s.contains("1x: speed-up local[1] -> local[2]"), s);
        assertTrue(s.contains("blend          1.60"), s);
        assertTrue(s.contains("all            1.71"), s);
        // projection from 4x on local[2]: 64 s × 2 cores / 4 MB = 32 core-s per MB; 4 bytes per token;
        // 339e9 tokens × 4 bytes × 32e-6 core-s per byte / 3600 = 12,053 core-hours
        assertTrue(s.contains("projection from 4x on local[2]: 32.0 core-s per input MB (the quality fit, 0 core-s, once), "
                + "4.00 input bytes per blend token"), s);
        assertTrue(s.contains("-> 12,053 core-hours for 339B blend tokens"), s);
    }

    @Test
    void theQualityFitIsReportedApartAndCountedOnceInTheProjection() {
        StageManifest blend = new StageManifest("blend", 2, null, null, null, 0, 0, 0, Map.of(), Map.of(),
                List.of(), null, 0, null, null, Map.of("tokens", 250_000L), null, Map.of(), List.of(), null);
        List<ScaleBench.Run> runs = List.of(
                new ScaleBench.Run(1, 1, 1_000_000L, 250_000, List.of(stage("ingest", 0, 10_000), quality(10_000, 6_000), blend)),
                new ScaleBench.Run(1, 2, 1_000_000L, 250_000, List.of(stage("ingest", 0, 5_000), quality(8_000, 6_000), blend)));
        String s = ScaleBench.summary(runs);
        // 20 s against 13 s in all; 14 s against 7 s without the 6 s fit
        assertTrue(s.contains("all            1.54"), s);
        assertTrue(s.contains("all but fit    2.00"), s);
        // (13 - 6) s × 2 cores / 1 MB = 14 core-s per MB; 339e9 × 4 × 14e-6 / 3600 + 6 / 3600 = 5,273
        assertTrue(s.contains("projection from 1x on local[2]: 14.0 core-s per input MB (the quality fit, 6 core-s, once)"), s);
        assertTrue(s.contains("-> 5,273 core-hours"), s);
        assertTrue(ScaleBench.table(runs).contains("| 1x | 2 | 1 | (quality fit) | 6.0 | |"), ScaleBench.table(runs));
    }

    @Test
    void aBenchInPartsKeepsTheEarlierRunsOfTheSameCorpusThatItDoesNotRerun(@TempDir Path work) throws IOException {
        ScaleBench bench = new ScaleBench(new PrintStream(new ByteArrayOutputStream()), 64);
        String identity = bench.corpusIdentity(16, 42);
        Files.createDirectories(work.resolve("corpus"));
        Files.writeString(work.resolve("corpus/corpus.done"), identity);
        JsonMapper.builder().build().writeValue(work.resolve("scale.json").toFile(),
                List.of(run(1, 1, 10_000, 20_000, 250_000), run(1, 2, 5_000, 12_500, 250_000),
                        run(2, 1, 20_000, 40_000, 500_000)));

        List<ScaleBench.Run> kept = bench.earlierRuns(work, identity, new int[] {2, 4}, new int[] {1, 2});
        assertEquals(List.of("1x1", "1x2"), kept.stream().map(r -> r.factor() + "x" + r.cores()).toList());
        assertEquals(12_500, kept.get(1).stages().get(1).elapsedMs(), "the manifests come back whole");
        // another corpus (here: another seed) shares nothing with the earlier runs
        assertTrue(bench.earlierRuns(work, bench.corpusIdentity(16, 43), new int[] {4}, new int[] {1}).isEmpty());
    }

    @Test
    void processorsBusyIsCpuOverStageSecondsAndPinnedRunsAreKeptApart(@TempDir Path work) throws IOException {
        ScaleBench.Run plain = run(1, 1, 10_000, 20_000, 250_000); // 30 s of stages
        ScaleBench.Run pinned = new ScaleBench.Run(1, 1, plain.inputBytes(), plain.blendTokens(), plain.stages(), true,
                33.0);
        String s = ScaleBench.summary(List.of(pinned));
        assertTrue(s.contains("  1x on local[1] (pinned): 33 s CPU / 30 s -> 1.10"), s);
        assertTrue(!ScaleBench.summary(List.of(plain)).contains("processors busy"), "not measured: not printed");

        ScaleBench unpinnedBench = new ScaleBench(new PrintStream(new ByteArrayOutputStream()), 64);
        String identity = unpinnedBench.corpusIdentity(16, 42);
        Files.createDirectories(work.resolve("corpus"));
        Files.writeString(work.resolve("corpus/corpus.done"), identity);
        JsonMapper.builder().build().writeValue(work.resolve("scale.json").toFile(),
                List.of(pinned, run(2, 1, 20_000, 40_000, 500_000)));
        assertEquals(List.of(2), unpinnedBench.earlierRuns(work, identity, new int[] {4}, new int[] {1}).stream()
                .map(ScaleBench.Run::factor).toList());
        ScaleBench pinnedBench = new ScaleBench(new PrintStream(new ByteArrayOutputStream()), 64, true);
        List<ScaleBench.Run> kept = pinnedBench.earlierRuns(work, identity, new int[] {4}, new int[] {1});
        assertEquals(List.of(1), kept.stream().map(ScaleBench.Run::factor).toList());
        assertEquals(33.0, kept.get(0).cpuSeconds(), "the CPU seconds come back from scale.json");
    }

    private static StageManifest quality(long ms, long fitMs) {
        return new StageManifest("quality", 1, null, null, null, 0, 0, 0, Map.of(), Map.of(), List.of(), null, ms,
                null, null, Map.of("train.fit_ms", fitMs), null, Map.of(), List.of(), null);
    }

    @Test
    void aThreadedFitCountsItsCoreSecondsInTheProjection() {
        StageManifest quality = new StageManifest("quality", 1, null, null, null, 0, 0, 0, Map.of(), Map.of(),
                List.of(), null, 8_000, null, null, Map.of("train.fit_ms", 3_000L, "train.fit_threads", 2L), null,
                Map.of(), List.of(), null);
        StageManifest blend = new StageManifest("blend", 2, null, null, null, 0, 0, 0, Map.of(), Map.of(),
                List.of(), null, 0, null, null, Map.of("tokens", 250_000L), null, Map.of(), List.of(), null);
        String s = ScaleBench.summary(List.of(new ScaleBench.Run(1, 2, 1_000_000L, 250_000,
                List.of(stage("ingest", 0, 5_000), quality, blend))));
        // (13 - 3) s × 2 cores / 1 MB = 20 core-s per MB; the fit 3 s × 2 threads = 6 core-s
        assertTrue(s.contains("projection from 1x on local[2]: 20.0 core-s per input MB (the quality fit, 6 core-s, once)"),
                s);
    }

    private static ScaleBench.Run atOnce(ScaleBench.Run alone, int copies) {
        return new ScaleBench.Run(alone.factor(), alone.cores(), alone.inputBytes(), alone.blendTokens(), alone.stages(),
                true, 0, copies);
    }

    @Test
    void runsSideBySideGiveTheMachinesCeilingAndStayOutOfTheSpeedUpAndProjection() {
        ScaleBench.Run alone = run(1, 1, 10_000, 20_000, 250_000);
        ScaleBench.Run spark = run(1, 2, 6_000, 12_000, 250_000);
        // the runs side by side first: they have one core too, and must not stand in for local[1] alone
        List<ScaleBench.Run> runs = List.of(atOnce(run(1, 1, 12_000, 22_000, 250_000), 2),
                atOnce(run(1, 1, 13_000, 24_000, 250_000), 2), alone, spark);
        String s = ScaleBench.summary(runs);
        assertTrue(s.contains("1x: the machine's ceiling for 2 cores: local[1] alone against 2 of it at once"), s);
        // ingest: 10 s alone, 12.5 s at once (mean) -> share 0.80, ceiling 1.60; local[2] 10/6 = 1.67, 1.04 of it
        assertTrue(s.contains("  ingest             10.0       12.5   0.80     1.60     1.67   1.04"), s);
        // blend: 20 against 23 -> 0.87, 1.74; 20/12 = 1.67 -> 0.96
        assertTrue(s.contains("  blend              20.0       23.0   0.87     1.74     1.67   0.96"), s);
        // all: 30 against 35.5 -> 0.85, 1.69; 30/18 = 1.67 -> 0.99
        assertTrue(s.contains("  all                30.0       35.5   0.85     1.69     1.67   0.99"), s);
        // the speed-up and the projection are those of the runs alone: 30 s / 18 s, and 18 s x 2 cores / 1 MB
        assertTrue(s.contains("all            1.67"), s);
        assertTrue(s.contains("projection from 1x on local[2]: 36.0 core-s per input MB"), s);
        assertTrue(ScaleBench.table(runs).contains("| 1x | 1 (2 at once) | 1 | ingest | 13.0 | 0.08 |"),
                ScaleBench.table(runs));
        // without local[1] alone there is nothing to compare with, and it says so
        assertTrue(ScaleBench.summary(List.of(spark, atOnce(run(1, 1, 12_000, 22_000, 250_000), 2)))
                .contains("1x: 2 runs at once, but no local[1] alone to compare them with"));
    }

    @Test
    void runsSideBySideAreKeptOnlyWhileTheirSizeIsNotRerun(@TempDir Path work) throws IOException {
        ScaleBench bench = new ScaleBench(new PrintStream(new ByteArrayOutputStream()), 64, true);
        String identity = bench.corpusIdentity(16, 42);
        Files.createDirectories(work.resolve("corpus"));
        Files.writeString(work.resolve("corpus/corpus.done"), identity);
        ScaleBench.Run alone = new ScaleBench.Run(1, 1, 1_000_000L, 250_000, List.of(stage("ingest", 0, 10_000)), true, 0);
        JsonMapper.builder().build().writeValue(work.resolve("scale.json").toFile(),
                List.of(alone, atOnce(alone, 2), atOnce(alone, 2)));
        assertEquals(List.of(1, 2, 2), bench.earlierRuns(work, identity, new int[] {2}, new int[] {1, 2}).stream()
                .map(ScaleBench.Run::copies).toList(), "another size: all kept, copies read back");
        assertEquals(List.of(1), bench.earlierRuns(work, identity, new int[] {1}, new int[] {2}).stream()
                .map(ScaleBench.Run::copies).toList(), "local[2] rerun at 1x: the runs side by side go too");
    }
}
