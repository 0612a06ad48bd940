package dev.winnow.trainer.parallel;

/**
 * Collectives and point-to-point messages among the ranks of one group (a tensor-, pipeline- or
 * data-parallel group), on host arrays. The in-process implementation runs ranks as threads;
 * a real transport (NCCL, MPI) can take its place. Every rank of the group must make the same
 * collective calls in the same order. Results are identical on all ranks (sums in rank order).
 */
public interface Communicator {
  /** This rank's index in the group. */
  int rank();

  int size();

  /** {@code data[i] = Σ_ranks data[i]}, in place, summed in rank order. */
  void allReduceSum(double[] data);

  /** {@code data[i] = max_ranks data[i]}, in place. */
  void allReduceMax(double[] data);

  /** The ranks' {@code part}s concatenated in rank order (all parts the same length). */
  double[] allGather(double[] part);

  /**
   * Sums {@code data} over the ranks and returns this rank's chunk {@code [rank·n/size,
   * (rank+1)·n/size)} of the sum ({@code n} divisible by the size).
   */
  double[] reduceScatterSum(double[] data);

  /** Sends a copy of {@code data} to {@code peer}; returns without waiting for the receive. */
  void send(int peer, double[] data);

  /** The next array {@code peer} sent to this rank, waiting for it. */
  double[] receive(int peer);

  /** A group of one: collectives return their input. */
  static Communicator solo() {
    return InProcessGroup.create(1).get(0);
  }
}
