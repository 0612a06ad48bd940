package dev.winnow.jobs.cli;

import dev.winnow.blending.run.BlendInRun;
import dev.winnow.blending.run.Sizes;
import dev.winnow.jobs.config.ConfigFiles;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.RunLock;
import dev.winnow.jobs.stages.BlendStage;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code winnow prune --run DIR [--yes]}: deletes what a run folder holds outside its current
 * output. A run never deletes these itself (they may be an experiment's only copy); this lists
 * them, and deletes them when asked, holding the run folder's lock so no run is racing it.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Lists, and with --yes deletes, what a run folder holds outside its current output: stage "
                + "folders of a stage dropped from winnow.stages or left behind by --to, their rejected rows and "
                + "side tables, a stale blend/, trained quality models the current quality stage did not use, and "
                + "pending/ left by a run that stopped.")
final class PruneCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "The run folder: a path or a Hadoop URI (hdfs://…), e.g. runs/sample.")
    String run;

    @Option(names = "--yes", description = "Delete them (default: only list them).")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        RunLayout layout = new RunLayout(run, ConfigFiles.hadoopConfiguration(ConfigOptions.sparkSubmitHadoopSettings()));
        if (!layout.fs().exists(layout.stagesDir())) {
            System.err.println("winnow prune: " + run + " has no stages/ folder: not a run folder");
            return 2;
        }
        if (!yes) {
            List<StaleFolders.Entry> stale = StaleFolders.of(layout);
            print(layout, stale);
            if (!stale.isEmpty()) {
                System.out.println("winnow prune: would delete " + count(stale) + " (" + size(stale)
                        + "). Run again with --yes to delete them.");
            }
            loaderCache(layout);
            return 0;
        }
        // Its own name: a lock held under the same application name is taken over (YARN's next attempt).
        try (RunLock lock = RunLock.acquire(layout, "winnow-prune-" + ProcessHandle.current().pid())) {
            // Listed again under the lock: a run that ended since may have changed what is current.
            List<StaleFolders.Entry> stale = StaleFolders.of(layout);
            print(layout, stale);
            FileSystem fs = layout.fs();
            for (StaleFolders.Entry e : stale) {
                if (!fs.delete(e.path(), true) && fs.exists(e.path())) {
                    throw new IOException("cannot delete " + e.path());
                }
                // rejected/, clusters/, contamination/, models/ …: not left empty (stages/ marks a run folder).
                Path parent = e.path().getParent();
                if (!parent.equals(layout.root()) && !parent.equals(layout.stagesDir()) && fs.exists(parent)
                        && fs.listStatus(parent).length == 0) {
                    fs.delete(parent, false);
                }
            }
            if (!stale.isEmpty()) {
                System.out.println("winnow prune: deleted " + count(stale) + " (" + size(stale)
                        + "). report/ names the stage folders until `winnow report --run " + run
                        + "` or the next run writes it again.");
            }
        }
        loaderCache(layout);
        return 0;
    }

    /**
     * The trainer's cache beside the blend is not the pipeline's to judge (another blend's
     * entries may be in use); where it is, and the command that prunes it, are said.
     */
    private static void loaderCache(RunLayout layout) throws IOException {
        Path cache = new Path(layout.root(), BlendInRun.LOADER_CACHE_FOLDER);
        FileSystem fs = layout.fs();
        if (!fs.exists(cache)) {
            return;
        }
        boolean currentBlend = fs.exists(layout.blendDir())
                && layout.stageChain().currentStage(BlendStage.NAME).isPresent();
        System.out.println("winnow prune: " + BlendInRun.LOADER_CACHE_FOLDER + "/ ("
                + Sizes.bytes(fs.getContentSummary(cache).getLength()) + ") is the trainer's and left alone: " + (currentBlend
                        ? "`winnow-train cache --blend " + layout.blendDir().toUri().getPath() + "` lists its entries "
                                + "and --prune deletes those of other blends."
                        : "this run folder has no current blend, so none of its entries is built from this run's "
                                + "current output."));
    }


    private static void print(RunLayout layout, List<StaleFolders.Entry> stale) {
        if (stale.isEmpty()) {
            System.out.println("winnow prune: nothing to prune in " + layout.root()
                    + ": every folder is part of its current output.");
            return;
        }
        String root = layout.root().toUri().getPath() + "/";
        for (StaleFolders.Entry e : stale) {
            String p = e.path().toUri().getPath();
            System.out.printf(Locale.ROOT, "  %-40s %10s  %s%n", p.startsWith(root) ? p.substring(root.length()) : p,
                    Sizes.bytes(e.bytes()), e.why());
        }
    }

    /** "3 folders and 2 files", "1 folder". */
    static String count(List<StaleFolders.Entry> stale) {
        long folders = stale.stream().filter(StaleFolders.Entry::folder).count();
        long files = stale.size() - folders;
        String f = folders + " folder" + (folders == 1 ? "" : "s");
        String g = files + " file" + (files == 1 ? "" : "s");
        return folders == 0 ? g : files == 0 ? f : f + " and " + g;
    }

    private static String size(List<StaleFolders.Entry> stale) {
        return Sizes.bytes(stale.stream().mapToLong(StaleFolders.Entry::bytes).sum());
    }

}
