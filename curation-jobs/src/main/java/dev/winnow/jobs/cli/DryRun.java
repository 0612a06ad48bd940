package dev.winnow.jobs.cli;

import dev.winnow.jobs.run.Freshness;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.RunLock;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** {@code --dry-run} of {@code run} and {@code stage}: which stages are up to date, and why the others would run. */
final class DryRun {
    private DryRun() {
    }

    static int print(Pipeline pipeline, String from, String to, List<String> names, PrintStream out) {
        out.println("winnow: dry run of " + pipeline.layout().root() + ": nothing is computed or written");
        RunLock.holder(pipeline.layout()).ifPresent(h -> out.println("winnow: note: a run holds this folder now ("
                + h.application() + " on " + h.host() + ", started " + h.started() + "): its stages may change"));
        List<Freshness> plan = pipeline.plan(from, to);
        int first = from == null ? 0 : names.indexOf(from);
        Progress progress = new Progress(out);
        long upToDate = 0;
        long neverRan = 0;
        long lastMs = 0;
        for (int i = 0; i < plan.size(); i++) {
            Freshness f = plan.get(i);
            progress.planned(i + 1, plan.size(), names.get(first + i), f);
            if (f.upToDate()) {
                upToDate++;
            } else if (f.existing() == null) {
                neverRan++;
            } else {
                lastMs += f.existing().elapsedMs();
            }
        }
        long wouldRun = plan.size() - upToDate;
        // The last runs' times are the estimate there is; stages that never ran have none.
        String estimate = wouldRun == neverRan ? ""
                : String.format(Locale.ROOT, " (%s the last time%s)", Progress.duration(lastMs),
                neverRan == 0 ? "" : ", besides " + neverRan + " that never ran");
        out.printf(Locale.ROOT, "winnow: %d of %d stages up to date, %d would run%s.%n", upToDate, plan.size(),
                wouldRun, estimate);
        StaleNote.print(pipeline.layout(), out);
        return 0;
    }
}
