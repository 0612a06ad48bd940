package dev.winnow.trainer.gpu;

import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;

/**
 * Named work buffers in the arena that grow to the largest request and are then reused (bf16
 * operand packs, attention scores, reduction partials). All work runs in issue order on one
 * stream, so a buffer can be handed out again as soon as the next kernel is queued.
 */
final class ScratchBuffers {
  private record Block(long offset, long bytes) {}

  private final DeviceArena arena;
  private final Map<String, Block> blocks = new HashMap<>();

  ScratchBuffers(DeviceArena arena) {
    this.arena = arena;
  }

  CUdeviceptr get(String name, long bytes) {
    Block b = blocks.get(name);
    if (b == null || b.bytes < bytes) {
      if (b != null) {
        arena.release(b.offset, b.bytes);
      }
      b = new Block(arena.allocate("scratch " + name, bytes), bytes);
      blocks.put(name, b);
    }
    return arena.pointer(b.offset);
  }
}
