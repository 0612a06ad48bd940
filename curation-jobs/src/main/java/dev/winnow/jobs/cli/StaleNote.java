package dev.winnow.jobs.cli;

import dev.winnow.blending.run.StageChain;
import dev.winnow.jobs.run.RunLayout;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** After a run or a dry run: the stage folders the run left behind that are not part of its output. */
final class StaleNote {
    private StaleNote() {
    }

    static void print(RunLayout layout, PrintStream out) {
        try {
            var stale = layout.stageChain().stale();
            if (!stale.isEmpty()) {
                out.println("winnow: note: stage folders not part of this run's output, left as they are (the report "
                        + "leaves them out): " + stale.stream().map(StageChain.Stale::folder).collect(Collectors.joining(", "))
                        + "; `winnow prune --run " + layout.root() + "` lists what they hold, and deletes it with --yes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the stages of " + layout.root(), e);
        }
    }
}
