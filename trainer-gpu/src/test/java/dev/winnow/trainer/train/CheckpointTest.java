package dev.winnow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.parallel.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final int STEPS = 6;
  private static final int SPLIT = 3;

  @TempDir
  Path dir;

  @Test
  void restoringContinuesBitIdenticallyInFp32() {
    Topology topo = new Topology(1, 2, 2);
    List<Double> straight = new ArrayList<>();
    GlobalTensors expected;
    try (Trainer t = trainer(topo, Precision.FP32, true)) {
      for (int s = 0; s < STEPS; s++) {
        straight.add(t.train(ParallelEquivalenceTest.batch(s)).loss());
      }
      expected = t.parameters();
    }
    try (Trainer t = trainer(topo, Precision.FP32, true)) {
      for (int s = 0; s < SPLIT; s++) {
        t.train(ParallelEquivalenceTest.batch(s));
      }
      Checkpoint.save(t, dir, "loader-position-3");
    }
    try (Trainer t = trainer(topo, Precision.FP32, true)) {
      assertEquals("loader-position-3", Checkpoint.load(t, dir));
      assertEquals(SPLIT, t.step());
      for (int s = SPLIT; s < STEPS; s++) {
        assertEquals(straight.get(s), t.train(ParallelEquivalenceTest.batch(s)).loss(), 0.0,
            "loss at step " + (s + 1));
      }
      GlobalTensors got = t.parameters();
      for (String name : expected.tensors().keySet()) {
        assertArrayEquals(expected.tensors().get(name), got.tensors().get(name), 0.0, name);
      }
    }
  }

  @Test
  void aCheckpointFromOneLayoutContinuesInAnother() {
    List<StepRecord> single = new ArrayList<>();
    GlobalTensors expected = ParallelEquivalenceTest.run(Topology.single(), false, single);
    try (Trainer t = trainer(new Topology(2, 2, 1), Precision.FP64, false)) {
      for (int s = 0; s < SPLIT; s++) {
        t.train(ParallelEquivalenceTest.batch(s));
      }
      Checkpoint.save(t, dir, "3");
    }
    try (Trainer t = trainer(new Topology(1, 4, 2), Precision.FP64, true)) {
      Checkpoint.load(t, dir);
      for (int s = SPLIT; s < ParallelEquivalenceTest.STEPS; s++) {
        double want = single.get(s).loss();
        assertEquals(want, t.train(ParallelEquivalenceTest.batch(s)).loss(), 1e-6 * want,
            "loss at step " + (s + 1));
      }
      ParallelEquivalenceTest.assertClose(expected, t.parameters());
    }
  }

  private static Trainer trainer(Topology topo, Precision precision, boolean zero) {
    TrainerSettings s = new TrainerSettings(ParallelEquivalenceTest.CONFIG, topo, 1, precision,
        1, ParallelEquivalenceTest.recipe(), zero, 42);
    return new Trainer(s);
  }
}
