package dev.winnow.trainer.model;

/**
 * One named parameter of a shard: where its local elements sit in the flat parameter buffer,
 * its global shape and how it is split, and how the recipe treats it.
 *
 * @param offset first element in the shard's flat buffer
 * @param decay whether AdamW applies weight decay (weights yes; biases and norms no)
 * @param countInNorm whether this shard's copy counts toward the global gradient norm: false for
 *     copies another rank also holds (tensor-parallel replicas off rank 0, the tied output head
 *     on the last stage), so each gradient element is counted once
 * @param initStd standard deviation of the normal initialisation, or 0 for the constant
 *     {@code initValue}
 */
public record ParameterSpec(String name, long offset, int rows, int cols, Sharding sharding,
    long localSize, boolean decay, boolean countInNorm, double initStd, double initValue) {

  public long end() {
    return offset + localSize;
  }
}
