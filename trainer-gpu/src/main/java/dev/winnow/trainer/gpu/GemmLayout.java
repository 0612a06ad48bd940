package dev.winnow.trainer.gpu;

/**
 * Operand layouts of {@code C(m,n) = Σ_k A(m,k)·B(k,n)}, named as BLAS does for a row-major C:
 * the letter says whether the stored operand is used as is (N) or transposed (T).
 *
 * <ul>
 *   <li>{@code NT}: A stored [M][K], B stored [N][K] — {@code out = inp · Wᵀ}.
 *   <li>{@code NN}: A stored [M][K], B stored [K][N] — {@code dinp = dout · W}.
 *   <li>{@code TN}: A stored [K][M], B stored [K][N] — {@code dW += doutᵀ · inp}.
 * </ul>
 */
public enum GemmLayout {
  NT(true, true),
  NN(true, false),
  TN(false, false);

  /** A's contiguous dimension is K. */
  final boolean aKMajor;
  /** B's contiguous dimension is K (B stored [N][K]). */
  final boolean bKMajor;

  GemmLayout(boolean aKMajor, boolean bKMajor) {
    this.aKMajor = aKMajor;
    this.bKMajor = bKMajor;
  }

  String suffix() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
