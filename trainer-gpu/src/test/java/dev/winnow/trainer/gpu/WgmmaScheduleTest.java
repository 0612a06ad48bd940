package dev.winnow.trainer.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The schedules' figures that must mirror the kernels, and the policy setting (no GPU). */
class WgmmaScheduleTest {
  @Test
  void sharedMemoryAndKernelNamesMirrorTheKernelFiles() {
    // the static_asserts of gemm_wgmma.cu and gemm_wgmma_pingpong.cu
    assertEquals(197632, WgmmaSchedule.COOPERATIVE.sharedBytes);
    assertEquals(197632, WgmmaSchedule.PINGPONG.sharedBytes);
    assertEquals("gemm_wgmma_tn_128x256", WgmmaSchedule.COOPERATIVE.kernel(GemmLayout.TN));
    assertEquals("gemm_wgmma_pp_nt_128x128", WgmmaSchedule.PINGPONG.kernel(GemmLayout.NT));
    // under the 227 KB a block may have on sm_90
    for (WgmmaSchedule s : WgmmaSchedule.values()) {
      assertTrue(s.sharedBytes <= 227 * 1024, s.name());
    }
  }

  @Test
  void tilesCountPartialTilesAndBatches() {
    assertEquals(64 * 3, WgmmaSchedule.COOPERATIVE.tiles(8192, 768, 1));
    assertEquals(64 * 6, WgmmaSchedule.PINGPONG.tiles(8192, 768, 1));
    assertEquals(1 * 3 * 3, WgmmaSchedule.PINGPONG.tiles(65, 257, 3));
    assertEquals(0, WgmmaSchedule.COOPERATIVE.tiles(100, 100, 0));
  }

  @Test
  void policyParsesTheSettingAndNamesTheChoicesWhenWrong() {
    assertEquals(WgmmaGemm.Policy.PINGPONG, WgmmaGemm.Policy.parse("pingpong"));
    assertEquals(WgmmaGemm.Policy.AUTO, WgmmaGemm.Policy.parse(" Auto "));
    assertEquals(WgmmaSchedule.COOPERATIVE, WgmmaGemm.Policy.COOPERATIVE.fixed);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WgmmaGemm.Policy.parse("ping-pong"));
    assertTrue(e.getMessage().contains("winnow.gpu.wgmma.schedule = 'ping-pong'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("cooperative, pingpong, auto"), e.getMessage());
  }
}
