package dev.winnow.trainer.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OneFOneBScheduleTest {

  @Test
  void stagesRunWarmupSteadyStateAndCooldownInOrder() {
    // p = 4, m = 6, as in the Megatron-LM paper's figure
    assertEquals("F0 F1 F2 F3 B0 F4 B1 F5 B2 B3 B4 B5", order(0, 4, 6));
    assertEquals("F0 F1 F2 B0 F3 B1 F4 B2 F5 B3 B4 B5", order(1, 4, 6));
    assertEquals("F0 F1 B0 F2 B1 F3 B2 F4 B3 F5 B4 B5", order(2, 4, 6));
    assertEquals("F0 B0 F1 B1 F2 B2 F3 B3 F4 B4 F5 B5", order(3, 4, 6));
  }

  @Test
  void fewerMicroBatchesThanStagesStillRunsEachOnce() {
    assertEquals("F0 F1 B0 B1", order(0, 4, 2));
  }

  @Test
  void everyStageHoldsAtMostPMinusStageMicroBatches() {
    for (int p = 1; p <= 6; p++) {
      for (int m = 1; m <= 10; m++) {
        for (int s = 0; s < p; s++) {
          OneFOneBSchedule schedule = new OneFOneBSchedule(s, p, m);
          assertEquals(Math.min(p - s, m), schedule.maxInFlight(), "p=" + p + " m=" + m);
          assertTrue(schedule.maxInFlight() <= p);
          assertEquals(2 * m, schedule.steps().size());
          // each micro-batch's backward comes after its forward
          List<OneFOneBSchedule.Step> steps = schedule.steps();
          for (int i = 0; i < m; i++) {
            assertTrue(steps.indexOf(new OneFOneBSchedule.Step(true, i))
                < steps.indexOf(new OneFOneBSchedule.Step(false, i)));
          }
        }
      }
    }
  }

  @Test
  void bubbleFractionIsPMinusOneOverMPlusPMinusOne() {
    for (int p = 1; p <= 8; p++) {
      for (int m : new int[] {1, 4, 8, 35}) {
        double expected = (p - 1.0) / (m + p - 1.0);
        assertEquals(expected, OneFOneBSchedule.simulatedBubbleFraction(p, m, 1, 1), 1e-12,
            "p=" + p + " m=" + m);
        // also when a backward takes twice a forward (the usual ratio)
        assertEquals(expected, OneFOneBSchedule.simulatedBubbleFraction(p, m, 1, 2), 1e-12,
            "p=" + p + " m=" + m + " with tb = 2 tf");
      }
    }
  }

  private static String order(int stage, int stages, int m) {
    return new OneFOneBSchedule(stage, stages, m).steps().stream().map(Object::toString)
        .collect(Collectors.joining(" "));
  }
}
