package dev.winnow.trainer.model;

/**
 * Which part of the model one rank holds: tensor-parallel rank {@code tpRank} of {@code tpSize}
 * (a slice of every layer's heads, MLP columns and vocabulary rows) of the layers
 * {@code [firstLayer, endLayer)} of one pipeline stage. The first stage owns the embeddings, the
 * last the final LayerNorm and the (tied) output head.
 */
public record ModelShard(int tpRank, int tpSize, int firstLayer, int endLayer, boolean firstStage,
    boolean lastStage) {

  public ModelShard {
    if (tpSize < 1 || tpRank < 0 || tpRank >= tpSize) {
      throw new IllegalArgumentException("bad tensor-parallel rank " + tpRank + " of " + tpSize);
    }
    if (firstLayer < 0 || endLayer < firstLayer) {
      throw new IllegalArgumentException("bad layer range [" + firstLayer + ", " + endLayer + ")");
    }
  }

  /** The whole model on one rank. */
  public static ModelShard whole(GptConfig config) {
    return new ModelShard(0, 1, 0, config.layers(), true, true);
  }

  /**
   * Pipeline stage {@code stage} of {@code stages}: layers split as evenly as possible, earlier
   * stages taking the extra layers.
   */
  public static ModelShard of(GptConfig config, int tpRank, int tpSize, int stage, int stages) {
    int layers = config.layers();
    if (stages < 1 || stages > layers) {
      throw new IllegalArgumentException(
          "pipeline stages (" + stages + ") must be between 1 and the layers (" + layers + ")");
    }
    if (config.heads() % tpSize != 0 || config.paddedVocab() % tpSize != 0) {
      throw new IllegalArgumentException("tensor-parallel size " + tpSize
          + " must divide heads (" + config.heads() + ") and padded vocab ("
          + config.paddedVocab() + ")");
    }
    int base = layers / stages;
    int extra = layers % stages;
    int first = stage * base + Math.min(stage, extra);
    int end = first + base + (stage < extra ? 1 : 0);
    return new ModelShard(tpRank, tpSize, first, end, stage == 0, stage == stages - 1);
  }

  public int layers() {
    return endLayer - firstLayer;
  }
}
