package dev.winnow.trainer.parallel;

/**
 * How {@code tp × pp × dp} ranks are arranged. Tensor-parallel groups are innermost (consecutive
 * ranks, one node's GPUs sharing NVLink in MT-NLG), then pipeline stages, then data-parallel
 * replicas: {@code rank = tp + tpSize · (pp + ppSize · dp)}.
 */
public record Topology(int tpSize, int ppSize, int dpSize) {

  public Topology {
    if (tpSize < 1 || ppSize < 1 || dpSize < 1) {
      throw new IllegalArgumentException(
          "parallel sizes must be >= 1, got tp=" + tpSize + " pp=" + ppSize + " dp=" + dpSize);
    }
  }

  public static Topology single() {
    return new Topology(1, 1, 1);
  }

  public int worldSize() {
    return tpSize * ppSize * dpSize;
  }

  /** A rank's place in the three groups. */
  public record Coordinates(int tp, int pp, int dp) {}

  public Coordinates coordinates(int rank) {
    if (rank < 0 || rank >= worldSize()) {
      throw new IllegalArgumentException("rank " + rank + " outside world of " + worldSize());
    }
    return new Coordinates(rank % tpSize, (rank / tpSize) % ppSize, rank / (tpSize * ppSize));
  }

  public int rank(int tp, int pp, int dp) {
    return tp + tpSize * (pp + ppSize * dp);
  }

  @Override
  public String toString() {
    return "tp" + tpSize + "-pp" + ppSize + "-dp" + dpSize;
  }
}
