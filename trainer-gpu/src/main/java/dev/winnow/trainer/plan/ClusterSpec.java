package dev.winnow.trainer.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kind of node in a GPU cluster, as the planner needs it: how many GPUs a node has, each
 * GPU's dense half-precision peak and memory, and the per-GPU bandwidth of the two networks
 * (NVLink inside a node, InfiniBand between nodes). Bandwidths are one direction, in bytes/s:
 * a ring collective sends and receives at the same time, so one direction is what limits it.
 */
public record ClusterSpec(String name, int gpusPerNode, double peakFlopsPerGpu,
    long gpuMemoryBytes, double nvlinkBytesPerSecPerGpu, double infinibandBytesPerSecPerGpu) {

  public ClusterSpec {
    requirePositive(gpusPerNode, "gpus-per-node");
    requirePositive(peakFlopsPerGpu, "peak-tflops");
    requirePositive(gpuMemoryBytes, "gpu-memory-gib");
    requirePositive(nvlinkBytesPerSecPerGpu, "nvlink-gbytes-per-sec");
    requirePositive(infinibandBytesPerSecPerGpu, "infiniband-gbits-per-sec");
  }

  static final long GIB = 1L << 30;
  static final double TERA = 1e12;
  static final double GIGA = 1e9;

  /** The built-in node kinds, by name. */
  public static Map<String, ClusterSpec> builtIn() {
    Map<String, ClusterSpec> m = new LinkedHashMap<>();
    // DGX A100 (NVIDIA DGX A100 datasheet; MT-NLG §2.4 trained on Selene, DGX A100 nodes with
    // 80 GB GPUs): 8x A100-SXM4-80GB, 312 TFLOP/s dense bf16/fp16; NVLink 3 via NVSwitch,
    // 600 GB/s bidirectional per GPU = 300 GB/s each way; 8x 200 Gb/s HDR InfiniBand per node,
    // one adapter per GPU = 25 GB/s each way per GPU.
    m.put("dgx-a100-80g", new ClusterSpec("dgx-a100-80g", 8, 312 * TERA, 80 * GIB,
        300 * GIGA, 200 * GIGA / 8));
    // DGX H100 (NVIDIA DGX H100 datasheet): 8x H100-SXM5-80GB, 989 TFLOP/s dense bf16;
    // NVLink 4, 900 GB/s bidirectional per GPU = 450 GB/s each way; 8x 400 Gb/s NDR
    // (ConnectX-7) for the compute fabric = 50 GB/s each way per GPU.
    m.put("dgx-h100-80g", new ClusterSpec("dgx-h100-80g", 8, 989 * TERA, 80 * GIB,
        450 * GIGA, 400 * GIGA / 8));
    return m;
  }

  public static ClusterSpec named(String name) {
    return SpecFiles.builtIn(builtIn(), "cluster", name);
  }

  private static void requirePositive(double value, String key) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }
  }
}
