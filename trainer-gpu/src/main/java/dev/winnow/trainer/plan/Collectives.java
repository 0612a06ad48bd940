package dev.winnow.trainer.plan;

/** Bandwidth cost of NCCL's ring collectives (latency is left out: the messages are large). */
final class Collectives {
  private Collectives() {}

  /**
   * A ring all-reduce of {@code bytes} over {@code n} GPUs sends and receives 2(n−1)/n of the
   * buffer per GPU (reduce-scatter then all-gather), at the link's achieved bandwidth.
   */
  static double allReduceSeconds(double bytes, int n, double linkBytesPerSec) {
    if (n == 1) {
      return 0;
    }
    return 2.0 * (n - 1) / n * bytes / (linkBytesPerSec * Assumptions.COLLECTIVE_EFFICIENCY);
  }
}
