package dev.winnow.trainer.gpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jcuda.driver.CUevent;

/**
 * Profiling aid: CUDA-event pairs around labelled regions of the default stream (kernel
 * launches, or whole backend calls), summed per label when {@link #collect} is called. Events
 * are pooled; no synchronisation until {@link #collect}. Timing includes any idle time of the
 * GPU inside a region (the host issuing its launches), never the gaps between regions.
 */
final class EventTimer {
  /** Totals for one label. */
  static final class Row {
    long calls;
    double ms;
    double flops;
    double bytes;
  }

  private record Pending(String label, CUevent start, CUevent end, double flops, double bytes) {}

  private final CudaDevice device;
  private final List<CUevent> pool = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final ArrayList<Object[]> open = new ArrayList<>();

  EventTimer(CudaDevice device) {
    this.device = device;
  }

  private CUevent event() {
    return pool.isEmpty() ? device.newEvent() : pool.remove(pool.size() - 1);
  }

  /** Starts a region (regions may nest; each {@link #end} closes the latest). */
  void begin(String label, double flops, double bytes) {
    CUevent s = event();
    device.record(s);
    open.add(new Object[] {label, s, flops, bytes});
  }

  void end() {
    Object[] o = open.remove(open.size() - 1);
    CUevent e = event();
    device.record(e);
    pending.add(new Pending((String) o[0], (CUevent) o[1], e, (double) o[2], (double) o[3]));
  }

  /** Waits for the recorded regions and adds them to the totals. */
  void collect() {
    for (Pending p : pending) {
      float ms = device.elapsedMillis(p.start, p.end);
      Row r = rows.computeIfAbsent(p.label, k -> new Row());
      r.calls++;
      r.ms += ms;
      r.flops += p.flops;
      r.bytes += p.bytes;
      pool.add(p.start);
      pool.add(p.end);
    }
    pending.clear();
  }

  void reset() {
    rows.clear();
  }

  double totalMs() {
    return rows.values().stream().mapToDouble(r -> r.ms).sum();
  }

  /** A table sorted by time: label, calls, ms per step, share, GB/s and TFLOP/s where counted. */
  String table(String title, int steps, double stepMs) {
    StringBuilder sb = new StringBuilder();
    double total = totalMs();
    sb.append(String.format(Locale.ROOT, "PROFILE %s: %d steps, regions %.2f ms/step, step %.2f"
        + " ms (%.1f%% in regions)%n", title, steps, total / steps, stepMs,
        100 * total / steps / stepMs));
    sb.append(String.format(Locale.ROOT, "| %-44s | %6s | %9s | %6s | %8s | %8s |%n", "region",
        "calls", "ms/step", "share", "GB/s", "TFLOP/s"));
    sb.append("|").append("-".repeat(46)).append("|--------|-----------|--------|----------|"
        + "----------|\n");
    rows.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue().ms, a.getValue().ms))
        .forEach(e -> {
          Row r = e.getValue();
          double s = r.ms * 1e-3;
          sb.append(String.format(Locale.ROOT, "| %-44s | %6d | %9.3f | %5.1f%% | %8s | %8s |%n",
              e.getKey(), r.calls / steps, r.ms / steps, 100 * r.ms / total,
              r.bytes > 0 ? String.format(Locale.ROOT, "%.0f", r.bytes / s / 1e9) : "",
              r.flops > 0 ? String.format(Locale.ROOT, "%.1f", r.flops / s / 1e12) : ""));
        });
    return sb.toString();
  }
}
