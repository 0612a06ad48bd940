package dev.winnow.jobs.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The lines a person watching a run reads: one per stage start, one per stage result. */
public final class Progress {
    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    void starting(int position, int total, String stage) {
        out.printf(Locale.ROOT, "[%d/%d] %s ...%n", position, total, stage);
        out.flush();
    }

    void skipped(StageManifest m) {
        out.printf(Locale.ROOT, "      %s: up to date, skipped (in %,d  kept %,d  rejected %,d)%n",
                m.stage(), m.in(), m.kept(), m.rejected());
        out.flush();
    }

    void finished(StageManifest m) {
        out.printf(Locale.ROOT, "      %s: in %,d  kept %,d  rejected %,d%s  (%.1f s)%n", m.stage(), m.in(), m.kept(),
                m.rejected(), reasons(m.rejectedByReason()), m.elapsedMs() / 1000.0);
        if (m.metrics() != null && !m.metrics().isEmpty()) {
            out.printf(Locale.ROOT, "      %s%n", m.metrics().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        for (StageManifest.FileError e : m.fileErrors()) {
            out.printf(Locale.ROOT, "      ! %s %s: %s%n", e.reason(), e.file(), e.detail());
        }
        out.flush();
    }

    private static String reasons(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        return byReason.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
