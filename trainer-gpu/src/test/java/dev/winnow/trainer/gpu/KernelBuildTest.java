package dev.winnow.trainer.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks that run everywhere: the build's kernels and a probe that fails cleanly. */
class KernelBuildTest {

  private static boolean nvccPresent() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "nvcc"))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/local/cuda/bin/nvcc"));
  }

  @Test
  void kernelsAreBuiltWhenNvccIsPresent() throws Exception {
    assumeTrue(nvccPresent(), "nvcc not on PATH or in /usr/local/cuda/bin: kernels not built here");
    assertNull(KernelResources.missingReason());
    for (String m : KernelResources.MODULES) {
      byte[] b = KernelResources.read(m);
      // A fatbin starts with the magic 0xBA55ED50 (little-endian).
      assertEquals(0x50, b[0] & 0xff, m);
      assertEquals(0xED, b[1] & 0xff, m);
      assertEquals(0x55, b[2] & 0xff, m);
      assertEquals(0xBA, b[3] & 0xff, m);
    }
    var report = getClass().getClassLoader().getResource("cuda/ptxas-report.txt");
    assertNotNull(report, "ptxas report missing");
    String text = new String(report.openStream().readAllBytes());
    assertTrue(text.contains("gemm_bf16_nt_128x256"), "report lacks the tensor-core GEMM");
    assertFalse(text.lines().anyMatch(l -> l.contains("bytes spill")
        && !l.contains(" 0 bytes spill stores, 0 bytes spill loads")), "ptxas reports spills");
  }

  @Test
  void probeAnswersWithoutThrowing() {
    GpuProbe p = CudaDevice.probe();
    assertNotNull(p.description());
    assertFalse(p.description().isBlank());
    System.out.println("CUDA probe: " + (p.available() ? "GPU " : "") + p.description());
  }

  @Test
  void probeWithoutAGpuSaysWhy() {
    GpuProbe p = CudaDevice.probe();
    assumeTrue(!p.available(), "a GPU is present: " + p.description());
    assertTrue(p.description().startsWith("no GPU") || p.description().startsWith("GPU kernels"),
        p.description());
  }

  @Test
  void arenaRangesAreAlignedReusedAndMerged() {
    RangeAllocator r = new RangeAllocator(4096);
    long a = r.allocate("a", 1);
    long b = r.allocate("b", 300);
    long c = r.allocate("c", 256);
    assertEquals(0, a);
    assertEquals(256, b);
    assertEquals(768, c);
    assertEquals(1024, r.used());
    r.release(b, 300);
    assertEquals(256, r.allocate("d", 200), "first fit reuses the hole");
    r.release(256, 200);
    r.release(a, 1);
    r.release(c, 256);
    assertEquals(0, r.used());
    assertEquals(4096, r.largestFree(), "released neighbours merge");
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> r.allocate("huge", 5000));
    assertTrue(e.getMessage().contains("huge"), e.getMessage());
  }

  @Test
  void sharedMemoryOfTheTensorCoreTilesFitsHopper() {
    for (GemmKernels.Tile t : GemmKernels.Tile.values()) {
      for (GemmLayout l : GemmLayout.values()) {
        int bytes = GemmKernels.sharedBytes(t, l);
        assertTrue(bytes <= 227 * 1024, t + " " + l + ": " + bytes);
      }
    }
    assertEquals(4 * (128 * 40 + 256 * 40) * 2, GemmKernels.sharedBytes(GemmKernels.Tile.LARGE,
        GemmLayout.NT));
  }

  @Test
  void sharedMemoryOfTheFlashAttentionKernelsFitsTwoBlocksPerHopperSm() {
    for (int hs : new int[] {32, 64}) {
      assertTrue(FlashAttention.supports(hs));
      for (String k : new String[] {"forward", "backward_dq", "backward_dkdv"}) {
        int bytes = FlashAttention.sharedBytes(k, hs);
        assertTrue(2 * bytes <= 227 * 1024, k + " " + hs + ": " + bytes);
      }
    }
    // 64 rows of 64 + 8 bf16 per tile: Q and two stages of K and V
    assertEquals(5 * 64 * 72 * 2, FlashAttention.sharedBytes("forward", 64));
    assertTrue(!FlashAttention.supports(128) && !FlashAttention.supports(48));
  }
}
