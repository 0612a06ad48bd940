package dev.winnow.jobs.report;

import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.StageManifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The committed stages that make up the run's current output: stage 1, then at each position the
 * stage whose input is the output of the one before (the latest started, if several are), until
 * none is. The rest are stale folders a run left behind: a stage dropped from {@code winnow.stages},
 * or the stages after one re-run with {@code --to} and not run since. The report shows the chain and
 * names the stale folders, instead of adding old counts to the funnel.
 */
public record StageChain(List<StageManifest> current, List<Stale> stale) {
    /** A committed stage left out of the report, and why. */
    public record Stale(String folder, String why) {
    }

    /** The chain of a run folder's committed stages. */
    public static StageChain of(dev.winnow.jobs.run.RunLayout layout) throws java.io.IOException {
        return of(ReportData.manifests(layout));
    }

    static StageChain of(List<StageManifest> committed) {
        List<StageManifest> left = new ArrayList<>(committed);
        List<StageManifest> chain = new ArrayList<>();
        StageManifest previous = null;
        while (true) {
            StageManifest before = previous;
            int index = before == null ? 1 : before.index() + 1;
            StageManifest next = left.stream()
                    .filter(m -> m.index() == index)
                    .filter(m -> before == null || before.outputFingerprint().equals(m.inputFingerprint()))
                    .max(Comparator.comparing(StageManifest::started, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .orElse(null);
            if (next == null) {
                break;
            }
            chain.add(next);
            left.remove(next);
            previous = next;
        }
        List<Stale> stale = new ArrayList<>();
        for (StageManifest m : left) {
            StageManifest at = m.index() - 2 >= 0 && m.index() - 2 < chain.size() ? chain.get(m.index() - 2) : null;
            String why;
            if (m.index() <= chain.size() && chain.get(m.index() - 1) != m) {
                why = "replaced at position " + m.index() + " by " + chain.get(m.index() - 1).stage()
                        + ", which ran later";
            } else if (at != null) {
                why = "its input is not the output of " + RunLayout.folder(at.index(), at.stage())
                        + ", the stage before it now";
            } else {
                why = "the stage before it is stale or missing";
            }
            stale.add(new Stale(RunLayout.folder(m.index(), m.stage()), why));
        }
        stale.sort(Comparator.comparing(Stale::folder));
        return new StageChain(chain, stale);
    }
}
