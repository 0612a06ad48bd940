package dev.winnow.trainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.model.GptConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LayoutRulesTest {
  static final GptConfig MT_NLG = GptConfig.named("mt-nlg-530b");
  static final ClusterSpec DGX_A100 = ClusterSpec.named("dgx-a100-80g");

  static Set<String> tpPpPairs(List<Layout> layouts) {
    Set<String> pairs = new TreeSet<>();
    layouts.forEach(l -> pairs.add(l.tp() + "x" + l.pp()));
    return pairs;
  }

  @Test
  void mtNlgOn280NodesByHand() {
    // 2240 GPUs = 2^6·5·7, so pp ∈ {1, 5, 7, 35} of 105's divisors; tp ∈ {1, 2, 4, 8}; and
    // 1920 = 2^7·3·5 must split over dp, which rules out pp = 1 and pp = 5 for every tp.
    List<Layout> layouts = LayoutRules.enumerate(MT_NLG, DGX_A100, 280, 1920, 0);
    assertEquals(new TreeSet<>(List.of("1x7", "1x35", "2x7", "2x35", "4x7", "4x35", "8x7",
        "8x35")), tpPpPairs(layouts));
    for (Layout l : layouts) {
      assertEquals(2240, l.gpus());
      assertEquals(0, 1920 % (l.dp() * l.microBatch()), l.toString());
    }
    // tp=8 pp=35 dp=8: 240 sequences per replica, micro-batches of every divisor of 240
    // (20 of them), each with and without recomputation.
    assertEquals(40, layouts.stream().filter(l -> l.tp() == 8 && l.pp() == 35).count());
  }

  @Test
  void tensorParallelismStaysInsideANodeAndOnWholeHeads() {
    // 6 heads on 8-GPU nodes: tp must divide both 8 and 6, so tp ∈ {1, 2}.
    GptConfig sixHeads = new GptConfig("six", 4, 384, 6, 256, 1000, 1024);
    List<Layout> layouts = LayoutRules.enumerate(sixHeads, DGX_A100, 4, 64, 0);
    assertTrue(layouts.stream().allMatch(l -> l.tp() == 1 || l.tp() == 2));
    assertTrue(layouts.stream().anyMatch(l -> l.tp() == 2));
    assertTrue(layouts.stream().allMatch(l -> 4 % l.pp() == 0));
  }

  @Test
  void rejectsNonsenseSizes() {
    assertThrows(IllegalArgumentException.class,
        () -> LayoutRules.enumerate(MT_NLG, DGX_A100, 0, 1920, 0));
    assertThrows(IllegalArgumentException.class,
        () -> LayoutRules.enumerate(MT_NLG, DGX_A100, 280, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Layout(8, 35, 8, 1, true, 4));
  }

  @Test
  void rankingIsFastestFirstAndIndependentOfOrder() {
    List<PlannedLayout> ranked = Planner.rank(MT_NLG, DGX_A100, 420, 1920, 1);
    for (int i = 1; i < ranked.size(); i++) {
      assertTrue(ranked.get(i - 1).time().total() <= ranked.get(i).time().total());
    }
    List<PlannedLayout> shuffled = new ArrayList<>(ranked);
    Collections.shuffle(shuffled, new Random(7));
    shuffled.sort(Planner.FASTEST_FIRST);
    assertEquals(ranked, shuffled);
  }

  @Test
  void onlyLayoutsThatFitAreRanked() {
    double usable = Planner.usableMemory(DGX_A100);
    List<Layout> all = LayoutRules.enumerate(MT_NLG, DGX_A100, 420, 1920, 0);
    List<PlannedLayout> ranked = Planner.rank(MT_NLG, DGX_A100, 420, 1920, 0);
    long fitting = all.stream()
        .filter(l -> MemoryModel.estimate(MT_NLG, l, 1920).total() <= usable).count();
    assertEquals(fitting, ranked.size());
    assertTrue(fitting < all.size(), "some layouts must not fit");
  }
}
