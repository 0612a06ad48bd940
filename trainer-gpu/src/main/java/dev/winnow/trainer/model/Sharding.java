package dev.winnow.trainer.model;

/**
 * How a parameter of global shape {@code [rows][cols]} is split over the tensor-parallel ranks.
 * The kinds follow Megatron-LM: column-parallel layers split their output rows, row-parallel
 * layers their input columns, the embedding its vocabulary rows.
 */
public enum Sharding {
  /** Every rank holds the whole tensor (LayerNorms, row-parallel biases, positions). */
  REPLICATED,
  /** Rank r holds rows {@code [r·rows/tp, (r+1)·rows/tp)} (MLP-in, vocabulary). */
  ROWS,
  /**
   * The rows are three stacked blocks (queries, keys, values); rank r holds its chunk of each
   * block, so its local heads' q, k and v stay together.
   */
  QKV_ROWS,
  /** Rank r holds columns {@code [r·cols/tp, (r+1)·cols/tp)} of every row (row-parallel). */
  COLUMNS;

  /**
   * For each local element in row-major order, its index in the global tensor.
   */
  public long[] globalIndices(int rows, int cols, int rank, int tp) {
    switch (this) {
      case REPLICATED:
        return range(0, (long) rows * cols);
      case ROWS: {
        int local = rows / tp;
        return range((long) rank * local * cols, (long) local * cols);
      }
      case QKV_ROWS: {
        int block = rows / 3;
        int local = block / tp;
        long[] out = new long[3 * local * cols];
        for (int part = 0; part < 3; part++) {
          long start = ((long) part * block + (long) rank * local) * cols;
          for (int i = 0; i < local * cols; i++) {
            out[part * local * cols + i] = start + i;
          }
        }
        return out;
      }
      case COLUMNS: {
        int local = cols / tp;
        long[] out = new long[rows * local];
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < local; c++) {
            out[r * local + c] = (long) r * cols + (long) rank * local + c;
          }
        }
        return out;
      }
      default:
        throw new AssertionError(this);
    }
  }

  /** Elements a rank holds. */
  public long localSize(int rows, int cols, int tp) {
    return this == REPLICATED ? (long) rows * cols : (long) rows * cols / tp;
  }

  private static long[] range(long start, long n) {
    long[] out = new long[(int) n];
    for (int i = 0; i < n; i++) {
      out[i] = start + i;
    }
    return out;
  }
}
