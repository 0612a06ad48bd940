package dev.winnow.trainer.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

  @Test
  void tensorParallelRanksAreInnermost() {
    Topology t = new Topology(2, 3, 2);
    assertEquals(12, t.worldSize());
    assertEquals(new Topology.Coordinates(1, 0, 0), t.coordinates(1));
    assertEquals(new Topology.Coordinates(0, 1, 0), t.coordinates(2));
    assertEquals(new Topology.Coordinates(1, 2, 1), t.coordinates(11));
    for (int r = 0; r < 12; r++) {
      Topology.Coordinates c = t.coordinates(r);
      assertEquals(r, t.rank(c.tp(), c.pp(), c.dp()));
    }
  }

  @Test
  void groupsCollectAcrossTheirOwnDimensionOnly() throws Exception {
    Topology topo = new Topology(2, 2, 2);
    List<RankGroups> groups = InProcessCluster.create(topo);
    double[][] tpSums = new double[8][];
    double[][] dpSums = new double[8][];
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      int rank = r;
      threads.add(new Thread(() -> {
        RankGroups g = groups.get(rank);
        double[] a = {rank};
        g.tensor().allReduceSum(a);
        tpSums[rank] = a;
        dpSums[rank] = g.data().allGather(new double[] {rank});
      }));
    }
    threads.forEach(Thread::start);
    for (Thread th : threads) {
      th.join();
    }
    assertArrayEquals(new double[] {0 + 1}, tpSums[0]);
    assertArrayEquals(new double[] {6 + 7}, tpSums[7]);
    assertArrayEquals(new double[] {1, 5}, dpSums[1]);
    assertArrayEquals(new double[] {3, 7}, dpSums[7]);
    assertNull(InProcessCluster.create(new Topology(1, 3, 1)).get(1).embedding());
  }

  @Test
  void reduceScatterGivesEachRankItsChunkOfTheSum() throws Exception {
    List<Communicator> g = InProcessGroup.create(2);
    double[][] out = new double[2][];
    Thread a = new Thread(() -> out[0] = g.get(0).reduceScatterSum(new double[] {1, 2, 3, 4}));
    Thread b = new Thread(() -> out[1] = g.get(1).reduceScatterSum(new double[] {10, 20, 30, 40}));
    a.start();
    b.start();
    a.join();
    b.join();
    assertArrayEquals(new double[] {11, 22}, out[0]);
    assertArrayEquals(new double[] {33, 44}, out[1]);
  }
}
