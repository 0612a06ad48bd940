package dev.winnow.trainer.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The kernel fatbins the build compiles from {@code src/main/cuda} into {@code cuda/} on the
 * classpath. When the build had no {@code nvcc}, {@code cuda/SKIPPED} holds the reason.
 */
public final class KernelResources {
  /** Every module the backend loads. */
  public static final List<String> MODULES = List.of("gemm_bf16", "gemm_fp32", "elementwise",
      "embedding", "layernorm", "attention", "cross_entropy", "optimizer");

  private KernelResources() {}

  /** Null when every module is on the classpath, else why not. */
  public static String missingReason() {
    String skipped = text("cuda/SKIPPED");
    if (skipped != null) {
      return "GPU kernels not built: " + skipped.strip();
    }
    for (String m : MODULES) {
      if (KernelResources.class.getClassLoader().getResource(path(m)) == null) {
        return "GPU kernels not built: " + path(m) + " not on the classpath"
            + " (build trainer-gpu with nvcc on PATH or in /usr/local/cuda/bin)";
      }
    }
    return null;
  }

  static String path(String module) {
    return "cuda/" + module + ".fatbin";
  }

  /** The module's bytes, NUL-terminated as cuModuleLoadData expects of images. */
  static byte[] read(String module) {
    try (InputStream in = KernelResources.class.getClassLoader().getResourceAsStream(path(module))) {
      if (in == null) {
        throw new IllegalStateException(path(module) + " not on the classpath");
      }
      byte[] b = in.readAllBytes();
      byte[] z = new byte[b.length + 1];
      System.arraycopy(b, 0, z, 0, b.length);
      return z;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String resource) {
    try (InputStream in = KernelResources.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
