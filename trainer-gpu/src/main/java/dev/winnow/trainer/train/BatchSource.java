package dev.winnow.trainer.train;

/**
 * Where the trainer gets its batches (the data loader, behind a one-class adapter). The state
 * is opaque to the trainer and stored in checkpoints, so a restored run continues with the
 * batch that would have come next.
 */
public interface BatchSource {
  /** The next step's global batch. */
  TokenBatch next();

  /** The position, to resume from with {@link #restore}. */
  String state();

  void restore(String state);
}
