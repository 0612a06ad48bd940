package dev.winnow.trainer.parallel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds every rank's {@link RankGroups} for ranks that are threads of this JVM. */
public final class InProcessCluster {
  private InProcessCluster() {}

  /** Index = global rank. */
  public static List<RankGroups> create(Topology topo) {
    int world = topo.worldSize();
    Map<String, List<Communicator>> groups = new HashMap<>();
    List<Communicator> worldGroup = InProcessGroup.create(world);
    List<RankGroups> out = new ArrayList<>();
    for (int rank = 0; rank < world; rank++) {
      Topology.Coordinates c = topo.coordinates(rank);
      Communicator tensor = member(groups, "tp", c.pp() + "/" + c.dp(), topo.tpSize(), c.tp());
      Communicator pipeline = member(groups, "pp", c.tp() + "/" + c.dp(), topo.ppSize(), c.pp());
      Communicator data = member(groups, "dp", c.tp() + "/" + c.pp(), topo.dpSize(), c.dp());
      Communicator embedding = null;
      if (topo.ppSize() > 1 && (c.pp() == 0 || c.pp() == topo.ppSize() - 1)) {
        embedding = member(groups, "emb", c.tp() + "/" + c.dp(), 2, c.pp() == 0 ? 0 : 1);
      }
      out.add(new RankGroups(topo, rank, tensor, pipeline, data, embedding,
          worldGroup.get(rank)));
    }
    return out;
  }

  private static Communicator member(Map<String, List<Communicator>> groups, String kind,
      String key, int size, int index) {
    Function<String, List<Communicator>> make = k -> InProcessGroup.create(size);
    return groups.computeIfAbsent(kind + ":" + key, make).get(index);
  }
}
