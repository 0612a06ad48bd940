package dev.winnow.trainer.gpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUdeviceptr;

/**
 * Data the backend derives from an fp32 tensor and keeps for later calls while the tensor is
 * unchanged: the bf16 copy ("twin") a matrix product reads, written by the kernel that produced
 * the tensor or by a pack on first use, and partial results of a reduction (the row sums of
 * exponentials that {@code rowMax} computes on its way). Every backend call that writes a range
 * of the arena reports it ({@link #written}), which marks everything derived from an
 * overlapping range stale; a stale entry's buffer is reused when the same data is derived again.
 *
 * <p>Keys: the source's arena address and element count, and a {@code kind}: 0 for a dense bf16
 * twin (row length a multiple of 8, so the flat copy serves any such row split), the row length
 * for a twin whose rows are padded to a multiple of 8, negative numbers for other derived data.
 */
final class DerivedBuffers {
  private record Key(long address, long elements, long kind) {}

  private static final class Entry {
    final long start;
    final long end;
    final long offset;
    final long bytes;
    boolean valid;

    Entry(long start, long end, long offset, long bytes) {
      this.start = start;
      this.end = end;
      this.offset = offset;
      this.bytes = bytes;
    }
  }

  private final DeviceArena arena;
  private final Map<Key, Entry> entries = new HashMap<>();
  private final List<Entry> valid = new ArrayList<>();

  DerivedBuffers(DeviceArena arena) {
    this.arena = arena;
  }

  /** The buffer of a fresh entry for {@code source}, or null if none. */
  CUdeviceptr get(CudaTensor source, long elements, long kind) {
    Entry e = entries.get(new Key(source.address(), elements, kind));
    return e != null && e.valid ? arena.pointer(e.offset) : null;
  }

  /**
   * A buffer of {@code bytes} for data derived from {@code elements} of {@code source}, marked
   * fresh: the caller queues the kernel that fills it next (after reporting the call's writes).
   */
  CUdeviceptr fresh(CudaTensor source, long elements, long kind, long bytes) {
    Key k = new Key(source.address(), elements, kind);
    Entry e = entries.get(k);
    if (e == null || e.bytes < bytes) {
      if (e != null) {
        if (e.valid) {
          valid.remove(e);
        }
        arena.release(e.offset, e.bytes);
      }
      e = new Entry(source.address(), source.address() + elements * Float.BYTES,
          arena.allocate("derived " + source.name(), bytes), bytes);
      entries.put(k, e);
    }
    if (!e.valid) {
      e.valid = true;
      valid.add(e);
    }
    return arena.pointer(e.offset);
  }

  /** Marks stale everything derived from a range overlapping {@code elements} of {@code t}. */
  void written(CudaTensor t, long elements) {
    written(t, 0, elements);
  }

  /** Marks stale everything derived from a range overlapping elements [from, from + n) of t. */
  void written(CudaTensor t, long from, long n) {
    if (valid.isEmpty()) {
      return;
    }
    long start = t.address() + from * Float.BYTES;
    long end = start + n * Float.BYTES;
    for (int i = valid.size() - 1; i >= 0; i--) {
      Entry e = valid.get(i);
      if (e.start < end && start < e.end) {
        e.valid = false;
        valid.remove(i);
      }
    }
  }

  /** Entries kept (fresh or stale) and their bytes, for reports. */
  long bytes() {
    return entries.values().stream().mapToLong(e -> e.bytes).sum();
  }
}
