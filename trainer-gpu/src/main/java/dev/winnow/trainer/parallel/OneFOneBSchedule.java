package dev.winnow.trainer.parallel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 1F1B pipeline schedule (PipeDream-Flush, as Megatron-LM and MT-NLG use) of one stage:
 * warm-up forwards until the pipeline is full ({@code p − stage − 1} of them), a steady state
 * alternating one forward and one backward, and a cool-down draining the remaining backwards.
 * A stage therefore holds at most {@code p − stage} micro-batches' activations at a time.
 */
public final class OneFOneBSchedule {

  /** A forward or backward pass of one micro-batch. */
  public record Step(boolean forward, int microBatch) {
    @Override
    public String toString() {
      return (forward ? "F" : "B") + microBatch;
    }
  }

  private final int stage;
  private final int stages;
  private final int microBatches;
  private final List<Step> steps;

  public OneFOneBSchedule(int stage, int stages, int microBatches) {
    if (stages < 1 || stage < 0 || stage >= stages || microBatches < 1) {
      throw new IllegalArgumentException("bad schedule: stage " + stage + " of " + stages
          + ", " + microBatches + " micro-batches");
    }
    this.stage = stage;
    this.stages = stages;
    this.microBatches = microBatches;
    int warmup = Math.min(stages - stage - 1, microBatches);
    List<Step> s = new ArrayList<>();
    int nextForward = 0;
    int nextBackward = 0;
    for (int i = 0; i < warmup; i++) {
      s.add(new Step(true, nextForward++));
    }
    while (nextForward < microBatches) {
      s.add(new Step(true, nextForward++));
      s.add(new Step(false, nextBackward++));
    }
    while (nextBackward < microBatches) {
      s.add(new Step(false, nextBackward++));
    }
    this.steps = Collections.unmodifiableList(s);
  }

  public List<Step> steps() {
    return steps;
  }

  public int warmupForwards() {
    return Math.min(stages - stage - 1, microBatches);
  }

  /** Most micro-batches whose forward ran and backward has not, over the schedule. */
  public int maxInFlight() {
    int inFlight = 0;
    int max = 0;
    for (Step s : steps) {
      inFlight += s.forward() ? 1 : -1;
      max = Math.max(max, inFlight);
    }
    return max;
  }

  /**
   * Bubble fraction of a whole pipeline run with these schedules: idle stage-time over total
   * stage-time, from simulating all stages with forward and backward passes of the given
   * durations and the data dependencies between stages (a forward waits for the previous stage's
   * forward of the same micro-batch, a backward for the next stage's backward).
   */
  public static double simulatedBubbleFraction(int stages, int microBatches, double forwardTime,
      double backwardTime) {
    List<List<Step>> all = new ArrayList<>();
    for (int s = 0; s < stages; s++) {
      all.add(new OneFOneBSchedule(s, stages, microBatches).steps());
    }
    double[][] forwardDone = new double[stages][microBatches];
    double[][] backwardDone = new double[stages][microBatches];
    for (double[] row : forwardDone) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    for (double[] row : backwardDone) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    int[] next = new int[stages];
    double[] clock = new double[stages];
    int remaining = stages * microBatches * 2;
    while (remaining > 0) {
      boolean progressed = false;
      for (int s = 0; s < stages; s++) {
        if (next[s] == all.get(s).size()) {
          continue;
        }
        Step step = all.get(s).get(next[s]);
        int i = step.microBatch();
        double ready;
        if (step.forward()) {
          ready = s == 0 ? 0 : forwardDone[s - 1][i];
        } else {
          ready = s == stages - 1 ? forwardDone[s][i] : backwardDone[s + 1][i];
        }
        if (Double.isNaN(ready)) {
          continue;
        }
        double start = Math.max(clock[s], ready);
        clock[s] = start + (step.forward() ? forwardTime : backwardTime);
        (step.forward() ? forwardDone : backwardDone)[s][i] = clock[s];
        next[s]++;
        remaining--;
        progressed = true;
      }
      if (!progressed) {
        throw new IllegalStateException("schedule deadlocks");
      }
    }
    double makespan = 0;
    for (double c : clock) {
      makespan = Math.max(makespan, c);
    }
    double busy = microBatches * (forwardTime + backwardTime);
    return 1 - busy / makespan;
  }
}
