package dev.winnow.trainer.backend;

/**
 * A buffer of floating-point numbers owned by one {@link Backend} (host arrays for the CPU
 * backend, device memory for the GPU backend). Element type is the backend's {@link Precision}
 * storage type; callers see values only through {@link Backend#upload} and
 * {@link Backend#download}.
 */
public interface Tensor {
  /** Name for error messages and checkpoints (e.g. {@code "h3.attn.qkv.weight"}). */
  String name();

  /** Number of elements. */
  long size();

  /**
   * A view of {@code length} elements starting at {@code offset}, sharing storage. Parameters
   * live in one flat buffer (for data-parallel all-reduce and ZeRO sharding) and each weight
   * is a view of it.
   */
  Tensor slice(String name, long offset, long length);
}
