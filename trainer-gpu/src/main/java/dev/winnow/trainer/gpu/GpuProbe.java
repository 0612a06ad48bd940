package dev.winnow.trainer.gpu;

/**
 * Whether a CUDA GPU and this build's kernels can be used here, and if not, why. {@code
 * description} names the device when available, else the reason (no driver, no device, kernels
 * not built).
 */
public record GpuProbe(boolean available, String description) {

  static GpuProbe unavailable(String reason) {
    return new GpuProbe(false, reason);
  }
}
