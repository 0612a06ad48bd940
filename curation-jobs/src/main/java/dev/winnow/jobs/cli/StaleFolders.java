package dev.winnow.jobs.cli;

import dev.winnow.blending.run.StageChain;
import dev.winnow.jobs.quality.QualityTraining;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.QualityStage;
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
 * run folder ({@code blend/}); the trained quality models (and their reports) the current quality
 * stage did not use; and {@code pending/}, left by a run that stopped before committing.
 * A stale stage sharing its name with a current one (quality moved from 04 to 03) shares
 * {@code rejected/quality/} with it too, and that belongs to the current one: it is kept.
 */
final class StaleFolders {
    /** A folder or file to delete: where, why, and its size in bytes. */
    public record Entry(Path path, String why, long bytes, boolean folder) {
    }

    private StaleFolders() {
    }

    static List<Entry> of(RunLayout layout) throws IOException {
        FileSystem fs = layout.fs();
        StageChain<StageManifest> chain = layout.stageChain();
        Set<String> current = chain.current().stream().map(StageManifest::stage).collect(Collectors.toSet());
        List<Entry> out = new ArrayList<>();
        Set<String> goneNames = new TreeSet<>();
        for (StageChain.Stale s : chain.stale()) {
            String name = s.folder().substring(s.folder().indexOf('-') + 1);
            Path dir = new Path(layout.stagesDir(), s.folder());
            out.add(new Entry(dir, s.why(), size(fs, dir), true));
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
        unusedModels(layout, chain, out);
        addIfPresent(fs, out, layout.pendingDir(), "left by a run that stopped before committing");
        return out;
    }

    /**
     * Each trained model is kept under {@code models/} by the hash of its bytes, so every change
     * of the quality settings leaves one more (about 800 MB at fastText's 2M buckets × 100). Those
     * the current quality stage's manifest does not name, nor its {@code quality.model} setting,
     * are stale. A current quality manifest that trained but predates recording its files names
     * none: then nothing in {@code models/} is listed, as which one it used is not known.
     */
    private static void unusedModels(RunLayout layout, StageChain<StageManifest> chain, List<Entry> out)
            throws IOException {
        FileSystem fs = layout.fs();
        Path models = new Path(layout.root(), QualityTraining.MODELS_FOLDER);
        if (!fs.exists(models)) {
            return;
        }
        StageManifest quality = chain.currentStage(QualityStage.NAME).orElse(null);
        Set<String> used = new TreeSet<>();
        if (quality != null) {
            boolean trained = quality.metrics() != null
                    && quality.metrics().containsKey(QualityStage.FIT_MS_METRIC);
            if (trained && quality.files() == null) {
                return;
            }
            if (quality.files() != null) {
                quality.files().values().forEach(f -> used.add(new Path(f).getName()));
            }
        }
        for (var f : fs.listStatus(models)) {
            String name = f.getPath().getName();
            boolean named = quality != null && quality.settings() != null
                    && quality.settings().values().stream().anyMatch(v -> v.contains(name));
            // Hidden names are the file system's (Hadoop's local .crc files), deleted with their file.
            if (f.isFile() && !name.startsWith(".") && !name.startsWith("_") && !used.contains(name) && !named) {
                String what = name.endsWith(".bin") ? "a trained quality model" : "the report of a trained quality model";
                out.add(new Entry(f.getPath(), what + (quality == null ? "; the current output has no quality stage"
                        : " the current quality stage did not use"), f.getLen(), false));
            }
        }
    }

    private static void addIfPresent(FileSystem fs, List<Entry> out, Path dir, String why) throws IOException {
        if (fs.exists(dir)) {
            out.add(new Entry(dir, why, size(fs, dir), true));
        }
    }

    private static long size(FileSystem fs, Path dir) throws IOException {
        return fs.getContentSummary(dir).getLength();
    }
}
