package dev.winnow.trainer.parallel;

/**
 * The communicators one rank uses.
 *
 * @param tensor ranks sharing this rank's (pp, dp): the tensor-parallel group
 * @param pipeline ranks sharing (tp, dp), indexed by stage
 * @param data ranks sharing (tp, pp): the data-parallel group
 * @param embedding the first and last stage of this rank's pipeline (which both hold the tied
 *     embedding), or null on middle stages and when there is one stage
 * @param world every rank
 */
public record RankGroups(Topology topology, int rank, Communicator tensor, Communicator pipeline,
    Communicator data, Communicator embedding, Communicator world) {

  public Topology.Coordinates coordinates() {
    return topology.coordinates(rank);
  }
}
