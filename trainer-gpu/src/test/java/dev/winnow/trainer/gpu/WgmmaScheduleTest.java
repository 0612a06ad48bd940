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
  void autoPicksPingPongForShortKLoopsOfAtLeastOneWave() {
    int sms = 132;
    WgmmaSchedule pp = WgmmaSchedule.PINGPONG;
    WgmmaSchedule coop = WgmmaSchedule.COOPERATIVE;
    // GPT-2 124M at 8192 tokens: the layers' forward products and input gradients
    assertEquals(pp, WgmmaGemm.automatic(8192, 2304, 768, 1, sms));
    assertEquals(pp, WgmmaGemm.automatic(8192, 768, 3072, 1, sms));
    // its split weight gradients: 288 tiles of K 2048 (fc), 108 tiles (qkv, fewer than the SMs)
    assertEquals(pp, WgmmaGemm.automatic(3072, 768, 2048, 4, sms));
    assertEquals(coop, WgmmaGemm.automatic(2304, 768, 4096, 2, sms));
    // the lm head: forward (many tiles, K 768), input gradient (K 25,152 per split of 2),
    // weight gradient (K 8192)
    assertEquals(pp, WgmmaGemm.automatic(8192, 50304, 768, 1, sms));
    assertEquals(coop, WgmmaGemm.automatic(8192, 768, 25152, 2, sms));
    assertEquals(coop, WgmmaGemm.automatic(50304, 768, 8192, 1, sms));
    // the bounds: K 4096 still ping-pong, 4097 not; exactly one wave of tiles still ping-pong
    assertEquals(pp, WgmmaGemm.automatic(128 * 132, 256, 4096, 1, sms));
    assertEquals(coop, WgmmaGemm.automatic(128 * 132, 256, 4097, 1, sms));
    assertEquals(coop, WgmmaGemm.automatic(128 * 131, 256, 1024, 1, sms));
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
