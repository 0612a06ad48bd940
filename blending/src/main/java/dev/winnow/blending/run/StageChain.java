package dev.winnow.blending.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The committed stages that make up a run's current output: stage 1, then at each position the
 * stage whose input is the output of the one before (the latest started, if several are), until
 * none is. The rest are stale folders a run left behind: a stage dropped from {@code winnow.stages},
 * or the stages after one re-run with {@code --to} and not run since. The report shows the chain and
 * names the stale folders; the trainer refuses a {@code blend/} whose stage is not in the chain.
 */
public record StageChain<T extends ChainedStage>(List<T> current, List<Stale> stale) {
    /** A committed stage left out of the current output, and why. */
    public record Stale(String folder, String why) {
    }

    /** A stage's folder name under {@code <run>/stages/}: {@code 07-decontaminate}. */
    public static String folder(int index, String stage) {
        return String.format("%02d-%s", index, stage);
    }

    public static <T extends ChainedStage> StageChain<T> of(List<T> committed) {
        List<T> left = new ArrayList<>(committed);
        List<T> chain = new ArrayList<>();
        T previous = null;
        while (true) {
            T before = previous;
            int index = before == null ? 1 : before.index() + 1;
            T next = left.stream()
                    .filter(m -> m.index() == index)
                    .filter(m -> before == null || before.outputFingerprint().equals(m.inputFingerprint()))
                    .max(Comparator.comparing(ChainedStage::started, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .orElse(null);
            if (next == null) {
                break;
            }
            chain.add(next);
            left.remove(next);
            previous = next;
        }
        List<Stale> stale = new ArrayList<>();
        for (T m : left) {
            T at = m.index() - 2 >= 0 && m.index() - 2 < chain.size() ? chain.get(m.index() - 2) : null;
            String why;
            if (m.index() <= chain.size() && chain.get(m.index() - 1) != m) {
                why = "replaced at position " + m.index() + " by " + chain.get(m.index() - 1).stage()
                        + ", which ran later";
            } else if (at != null) {
                why = "its input is not the output of " + folder(at.index(), at.stage())
                        + ", the stage before it now";
            } else {
                why = "the stage before it is stale or missing";
            }
            stale.add(new Stale(folder(m.index(), m.stage()), why));
        }
        stale.sort(Comparator.comparing(Stale::folder));
        return new StageChain<>(List.copyOf(chain), List.copyOf(stale));
    }

    /** The last stage of the current output, unless there is none. */
    public java.util.Optional<T> last() {
        return current.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(current.get(current.size() - 1));
    }

    /** A stage's folder name under {@code <run>/stages/}, e.g. {@code 07-decontaminate}. */
    public static String folder(ChainedStage stage) {
        return folder(stage.index(), stage.stage());
    }

    /** The current stage of this name, if the chain has one. */
    public java.util.Optional<T> currentStage(String name) {
        return current.stream().filter(m -> m.stage().equals(name)).findFirst();
    }
}
