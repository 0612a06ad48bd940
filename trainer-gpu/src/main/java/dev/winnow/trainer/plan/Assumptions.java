package dev.winnow.trainer.plan;

/**
 * The numbers the planner assumes rather than derives, each with where it comes from. Change
 * one here and every prediction, test and the table in docs/planner.md moves with it.
 */
public final class Assumptions {
  private Assumptions() {}

  /**
   * Fraction of the GPU's dense peak that a transformer layer's forward, backward and
   * recomputation achieve on one tensor-parallel rank (matrix products plus the memory-bound
   * LayerNorm, softmax, GeLU and dropout between them, which the FLOP count leaves out).
   *
   * <p>Calibrated on one point only: MT-NLG's 280-node run (60.1 s per iteration, tp=8, pp=35,
   * dp=8, micro-batch 1), by solving this model's iteration time for the efficiency
   * ({@code PaperCheckTest.efficiencyIsCalibratedOnThe280NodeRun} re-derives it). The 350- and
   * 420-node rows are then predictions. For comparison, Megatron-LM's own run of the same
   * shape (Narayanan et al. 2021, Table 1: 530B, tp=8, pp=35, 2520 GPUs) reached 163 TFLOP/s,
   * 52% of peak, i.e. about 0.59 before its bubble: MT-NLG's production stack was slower.
   */
  public static final double LAYER_EFFICIENCY = 0.514;

  /**
   * Fraction of link bandwidth a large NCCL ring collective achieves (nccl-tests "bus
   * bandwidth"): DGX A100 reaches roughly 230 of 300 GB/s over NVSwitch and 20 of 25 GB/s per
   * HDR adapter. An assumption from published nccl-tests results, not measured here.
   */
  public static final double COLLECTIVE_EFFICIENCY = 0.8;

  /**
   * Share of GPU memory a layout may plan to use. The rest covers the CUDA context, NCCL and
   * communication buckets and the caching allocator's fragmentation (ZeRO, Rajbhandari et al.
   * 2020 §3.2, calls out fragmentation and temporary buffers as the "residual states").
   */
  public static final double USABLE_MEMORY_FRACTION = 0.9;

  /**
   * Tensor-parallel all-reduces of a layer's output per micro-batch: two in the forward pass
   * (after attention and after the MLP, the "g" operator of Shoeybi et al. 2019) and two in
   * the backward ("f"); recomputation repeats the forward's two.
   */
  static int tensorParallelAllReducesPerLayer(boolean recompute) {
    return recompute ? 6 : 4;
  }

  /**
   * Bytes per gradient the data-parallel reduction moves: 4, fp32. MT-NLG trained in bf16, and
   * bf16 training accumulates and all-reduces gradients in fp32 (Megatron-LM turns on
   * accumulate_allreduce_grads_in_fp32 whenever --bf16 is set), the fp32 gradient copy that
   * {@link ModelStateBytes#OPTIMIZER} counts.
   */
  public static final int REDUCED_GRADIENT_BYTES = 4;

  /** Activations and their gradients travel in half precision: 2 bytes an element. */
  public static final int ACTIVATION_BYTES = 2;
}
