package dev.winnow.trainer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use since {@link #reset()}: the sum of the heap pools' peaks, an upper bound of the
 * true peak (pools peak at different moments). Memory-mapped indices are not heap and not counted.
 */
final class HeapPeak {
    private HeapPeak() {
    }

    static void reset() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    static long bytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static String mib(long bytes) {
        return String.format("%,.0f MiB", bytes / 1048576.0);
    }
}
