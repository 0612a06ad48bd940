package dev.winnow.trainer.run;

/**
 * Batch-size ramp-up (MT-NLG §3: from 32 to 1920 sequences in steps of 32 over the first 12B
 * tokens): {@code start + increment · ⌊tokens / (rampTokens / increments)⌋} rows, capped at
 * {@code end}, where {@code increments = (end − start) / increment}.
 */
public record BatchRamp(int startRows, int endRows, int incrementRows, long rampTokens) {

  public BatchRamp {
    if (startRows < 1 || endRows < startRows || incrementRows < 1
        || (endRows - startRows) % incrementRows != 0 || rampTokens < 0) {
      throw new IllegalArgumentException("bad batch ramp: " + startRows + " to " + endRows
          + " by " + incrementRows + " over " + rampTokens + " tokens");
    }
  }

  public static BatchRamp constant(int rows) {
    return new BatchRamp(rows, rows, rows, 0);
  }

  /** Rows of the next batch after {@code tokens} tokens have been trained. */
  public int rows(long tokens) {
    int increments = (endRows - startRows) / incrementRows;
    if (increments == 0 || tokens >= rampTokens) {
      return endRows;
    }
    long perIncrement = rampTokens / increments;
    return (int) Math.min(endRows, startRows + incrementRows * (tokens / perIncrement));
  }
}
