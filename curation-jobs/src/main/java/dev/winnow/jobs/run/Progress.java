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

    /** Before a stage that has a committed output runs again: why. */
    void runsAgain(String stage, Freshness f) {
        out.printf(Locale.ROOT, "      %s: runs again: %s%n", stage, String.join("; ", f.causes()));
        changes(f);
        out.flush();
    }

    /** While a stage runs ({@link StageWatch}): for how long, and the tasks of the Spark stages active now. */
    void working(String stage, java.time.Duration elapsed, java.util.List<StageWatch.Active> active) {
        String tasks;
        if (active.isEmpty()) {
            tasks = "no Spark stage active (the driver is working)";
        } else {
            int shown = Math.min(active.size(), 3);
            tasks = active.subList(0, shown).stream()
                    .map(a -> String.format(Locale.ROOT, "Spark stage %d: %,d/%,d tasks done, %,d running", a.stageId(),
                            a.done(), a.total(), a.running()))
                    .collect(Collectors.joining("; "))
                    + (active.size() > shown ? "; " + (active.size() - shown) + " more" : "");
        }
        out.printf(Locale.ROOT, "      … %s: %s; %s%n", stage, duration(elapsed.toMillis()), tasks);
        out.flush();
    }

    /** A manifest's start time to the second (it records nanoseconds); as recorded when it does not parse. */
    private static String toSeconds(String instant) {
        try {
            return java.time.Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (RuntimeException e) {
            return String.valueOf(instant);
        }
    }

    private void changes(Freshness f) {
        for (String change : f.changes()) {
            out.printf(Locale.ROOT, "        %s%n", change);
        }
    }

    /** One stage of a dry run: up to date, or why it would run. */
    public void planned(int position, int total, String stage, Freshness f) {
        if (f.upToDate()) {
            StageManifest m = f.existing();
            out.printf(Locale.ROOT, "[%d/%d] %s: up to date (in %,d  kept %,d  rejected %,d; run %s)%n", position, total,
                    stage, m.in(), m.kept(), m.rejected(), toSeconds(m.started()));
        } else {
            String last = f.existing() == null ? ""
                    : String.format(Locale.ROOT, " (its last run took %s)", duration(f.existing().elapsedMs()));
            out.printf(Locale.ROOT, "[%d/%d] %s: would run: %s%s%n", position, total, stage,
                    String.join("; ", f.causes()), last);
            changes(f);
        }
        out.flush();
    }

    /** 41.2 s, 12 min 5 s, 3 h 2 min: what a person planning a rerun reads. */
    public static String duration(long ms) {
        long s = Math.round(ms / 1000.0);
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
    }

    void finished(StageManifest m) {
        out.printf(Locale.ROOT, "      %s: in %,d  kept %,d  rejected %,d%s  (%.1f s)%n", m.stage(), m.in(), m.kept(),
                m.rejected(), reasons(m.rejectedByReason()), m.elapsedMs() / 1000.0);
        if (m.split() != null) {
            out.printf(Locale.ROOT, "      documents: kept %,d (as %,d rows), rejected whole %,d%n",
                    m.split().documentsKept(), m.kept(), m.split().documentsRejected());
        }
        if (m.metrics() != null && !m.metrics().isEmpty()) {
            // Plain metrics on one line; grouped ones (task.lambada.matches) one line per group.
            Map<String, Map<String, Long>> groups = new java.util.TreeMap<>();
            m.metrics().forEach((k, v) -> {
                int dot = k.lastIndexOf('.');
                groups.computeIfAbsent(dot < 0 ? "" : k.substring(0, dot), g -> new java.util.TreeMap<>())
                        .put(dot < 0 ? k : k.substring(dot + 1), v);
            });
            groups.forEach((g, values) -> out.printf(Locale.ROOT, "      %s%s%n", g.isEmpty() ? "" : g + ": ",
                    values.entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", "))));
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
