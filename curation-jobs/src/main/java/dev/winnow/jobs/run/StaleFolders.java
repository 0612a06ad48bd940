package dev.winnow.jobs.run;

import dev.winnow.blending.run.StageChain;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run folder holds outside its current output ({@link StageChain}): the stale stage
 * folders; for a stale stage whose name no current stage has, its rejected rows, side tables and
 * run folder ({@code blend/}); and {@code pending/}, left by a run that stopped before committing.
 * A stale stage sharing its name with a current one (quality moved from 04 to 03) shares
 * {@code rejected/quality/} with it too, and that belongs to the current one: it is kept.
 */
public final class StaleFolders {
    /** A folder to delete: where, why, and its size in bytes. */
    public record Entry(Path path, String why, long bytes) {
    }

    private StaleFolders() {
    }

    public static List<Entry> of(RunLayout layout) throws IOException {
        FileSystem fs = layout.fs();
        StageChain<StageManifest> chain = layout.stageChain();
        Set<String> current = chain.current().stream().map(StageManifest::stage).collect(Collectors.toSet());
        List<Entry> out = new ArrayList<>();
        Set<String> goneNames = new TreeSet<>();
        for (StageChain.Stale s : chain.stale()) {
            String name = s.folder().substring(s.folder().indexOf('-') + 1);
            Path dir = new Path(layout.root(), "stages/" + s.folder());
            out.add(new Entry(dir, s.why(), size(fs, dir)));
            if (!current.contains(name)) {
                goneNames.add(name);
            }
        }
        for (String name : goneNames) {
            String owner = "of stage " + name + ", which is not part of the current output";
            addIfPresent(fs, out, layout.rejectedDir(name), "rejected rows " + owner);
            for (String table : RunLayout.SIDE_TABLES) {
                addIfPresent(fs, out, layout.tableDir(table, name), table + " " + owner);
            }
            for (var owned : RunLayout.RUN_FOLDERS.entrySet()) {
                if (owned.getValue().equals(name)) {
                    addIfPresent(fs, out, layout.runFolder(owned.getKey()), "written by stage " + name
                            + ", which is not part of the current output (winnow-train refuses it)");
                }
            }
        }
        addIfPresent(fs, out, new Path(layout.root(), "pending"), "left by a run that stopped before committing");
        return out;
    }

    private static void addIfPresent(FileSystem fs, List<Entry> out, Path dir, String why) throws IOException {
        if (fs.exists(dir)) {
            out.add(new Entry(dir, why, size(fs, dir)));
        }
    }

    private static long size(FileSystem fs, Path dir) throws IOException {
        return fs.getContentSummary(dir).getLength();
    }
}
