package dev.winnow.trainer.gpu;

import java.util.Map;
import java.util.TreeMap;

/**
 * The bookkeeping of {@link DeviceArena}: aligned ranges of {@code [0, capacity)} handed out
 * first fit from an address-ordered free list, neighbours merged on release. Pure Java, so it
 * is tested without a GPU.
 */
final class RangeAllocator {
  static final long ALIGNMENT = 256;

  private final long capacity;
  /** Free ranges: offset → length, ordered by offset. */
  private final TreeMap<Long, Long> free = new TreeMap<>();
  private long used;

  RangeAllocator(long capacity) {
    this.capacity = align(capacity);
    free.put(0L, this.capacity);
  }

  /** The offset of a free range of at least {@code bytes}. */
  long allocate(String what, long bytes) {
    long size = align(Math.max(bytes, 1));
    for (Map.Entry<Long, Long> e : free.entrySet()) {
      if (e.getValue() >= size) {
        long offset = e.getKey();
        long length = e.getValue();
        free.remove(offset);
        if (length > size) {
          free.put(offset + size, length - size);
        }
        used += size;
        return offset;
      }
    }
    throw new IllegalStateException("device arena exhausted allocating " + what + " (" + bytes
        + " bytes): " + used + " of " + capacity + " bytes in use, largest free range "
        + largestFree() + " bytes");
  }

  /** Returns a range from {@link #allocate} of the same {@code bytes}. */
  void release(long offset, long bytes) {
    long size = align(Math.max(bytes, 1));
    used -= size;
    long start = offset;
    long end = offset + size;
    Map.Entry<Long, Long> before = free.floorEntry(offset);
    if (before != null && before.getKey() + before.getValue() == offset) {
      start = before.getKey();
      free.remove(before.getKey());
    }
    Long afterLength = free.remove(end);
    if (afterLength != null) {
      end += afterLength;
    }
    free.put(start, end - start);
  }

  long capacity() {
    return capacity;
  }

  long used() {
    return used;
  }

  long largestFree() {
    return free.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  static long align(long bytes) {
    return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }
}
