package dev.winnow.blending.run;

import java.util.Locale;

/** Sizes of what runs and caches hold, as people read them. */
public final class Sizes {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private Sizes() {
    }

    /** 812 B, 4.1 kB, 37.0 MB, 1.2 GB, 3.4 TB (decimal units). */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        double v = n;
        int u = -1;
        while (v >= 999.95 && u < UNITS.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }
}
