package dev.winnow.trainer.backend.cpu;

/**
 * The two matrix-product shapes a GPT step needs, cache-blocked and split over the worker pool.
 * The blocking lives here once; subclasses supply the inner loops for their storage type (Vector
 * API for FP32, scalar for FP64). Every output element is summed by one thread over its inner
 * index in ascending order (and fixed vector lanes), so results do not depend on thread count.
 */
abstract class MatrixProducts {
  /** Output columns (weight rows) per parallel tile of the dot form: 32 rows × C fit in L2. */
  private static final int COLUMN_TILE = 32;
  /** Rows per parallel task of the axpy form. */
  private static final int ROW_BLOCK = 16;
  /** Inner-index tile of the axpy form: 64 rows of B stay in cache across a row block. */
  private static final int INNER_TILE = 64;

  private final WorkerPool pool;

  MatrixProducts(WorkerPool pool) {
    this.pool = pool;
  }

  /**
   * {@code out[i][o] = bias[o] + Σ_k a[i][k] · w[o][k]} for {@code i < rows}, {@code o < cols},
   * {@code k < inner} (a linear layer's forward pass; {@code bias} may be null).
   */
  final void timesTransposed(CpuTensor out, CpuTensor a, CpuTensor w, CpuTensor bias, int rows,
      int inner, int cols) {
    int tiles = (cols + COLUMN_TILE - 1) / COLUMN_TILE;
    pool.forEach(tiles, tile -> {
      int o0 = tile * COLUMN_TILE;
      int o1 = Math.min(cols, o0 + COLUMN_TILE);
      for (int i = 0; i < rows; i++) {
        for (int o = o0; o < o1; o += 4) {
          int count = Math.min(4, o1 - o);
          dot(out, i * cols + o, a, i * inner, w, o * inner, inner, count);
          if (bias != null) {
            for (int q = 0; q < count; q++) {
              out.add(i * cols + o + q, bias.get(o + q));
            }
          }
        }
      }
    });
  }

  /**
   * {@code out[i][j] (+)= Σ_k A(i,k) · b[k][j]} with {@code A(i,k) = a[i·aRowStride +
   * k·aColStride]} (so {@code A} may be a transposed view); overwrites {@code out} unless
   * {@code accumulate}.
   */
  final void times(CpuTensor out, boolean accumulate, CpuTensor a, int aRowStride,
      int aColStride, CpuTensor b, int rows, int inner, int cols) {
    int blocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
    pool.forEach(blocks, block -> {
      int i0 = block * ROW_BLOCK;
      int i1 = Math.min(rows, i0 + ROW_BLOCK);
      if (!accumulate) {
        for (int e = i0 * cols; e < i1 * cols; e++) {
          out.set(e, 0);
        }
      }
      for (int k0 = 0; k0 < inner; k0 += INNER_TILE) {
        int k1 = Math.min(inner, k0 + INNER_TILE);
        for (int i = i0; i < i1; i++) {
          int k = k0;
          // four rows of b per pass: the output row is loaded and stored a quarter as often
          for (; k + 4 <= k1; k += 4) {
            int at = i * aRowStride + k * aColStride;
            axpy4(out, i * cols, a.get(at), a.get(at + aColStride), a.get(at + 2 * aColStride),
                a.get(at + 3 * aColStride), b, k * cols, cols);
          }
          for (; k < k1; k++) {
            axpy(out, i * cols, a.get(i * aRowStride + k * aColStride), b, k * cols, cols);
          }
        }
      }
    });
  }

  /**
   * {@code out[outAt + q] = Σ_{k < n} a[aAt + k] · w[wAt + q·n + k]} for {@code q < count ≤ 4}
   * (indices relative to each tensor's window).
   */
  abstract void dot(CpuTensor out, int outAt, CpuTensor a, int aAt, CpuTensor w, int wAt, int n,
      int count);

  /**
   * {@code out[outAt + j] += Σ_q alpha_q · b[bAt + q·n + j]} for {@code j < n}, {@code q < 4},
   * summed in order q = 0..3 (four consecutive rows of a row-major b with n columns).
   */
  abstract void axpy4(CpuTensor out, int outAt, double alpha0, double alpha1, double alpha2,
      double alpha3, CpuTensor b, int bAt, int n);

  /** {@code out[outAt + j] += alpha · b[bAt + j]} for {@code j < n}. */
  abstract void axpy(CpuTensor out, int outAt, double alpha, CpuTensor b, int bAt, int n);
}
