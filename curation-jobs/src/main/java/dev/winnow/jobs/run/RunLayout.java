package dev.winnow.jobs.run;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The folders of a run (DESIGN "Run layout") on any Hadoop file system:
 * {@code stages/<NN>-<stage>/}, {@code rejected/<stage>/}, and the temporary folders a stage
 * writes before it is committed by rename.
 */
public final class RunLayout {
    /** The side tables a stage may write ({@link #tableDir}). */
    public static final List<String> SIDE_TABLES = List.of("clusters", "contamination", "frequent-ngrams");
    /** The name of a stage's folder under {@code pending/}: {@code stages-07-decontaminate}. */
    public static final String PENDING_STAGE_PREFIX = "stages-";
    /** Folders at the top of the run that one stage owns (folder → stage): {@code blend/}. */
    public static final java.util.Map<String, String> RUN_FOLDERS = java.util.Map.of("blend", "blend");
    // report/ is written after the stages by dev.winnow.jobs.report.ReportWriter, not by a stage.

    private final Path root;
    private final FileSystem fs;

    public RunLayout(String runDir, Configuration conf) {
        this.root = new Path(runDir);
        try {
            this.fs = root.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of run dir " + runDir, e);
        }
    }

    public Path root() {
        return root;
    }

    public FileSystem fs() {
        return fs;
    }

    /** {@code stages/}: one folder per committed stage; it marks a run folder. */
    public Path stagesDir() {
        return new Path(root, dev.winnow.blending.run.StageRecord.STAGES_FOLDER);
    }

    /** {@code pending/}: what stages write before they commit; a finished run leaves none. */
    public Path pendingDir() {
        return new Path(root, "pending");
    }

    public Path stageDir(int index, String stage) {
        return new Path(stagesDir(), folder(index, stage));
    }

    public Path rejectedDir(String stage) {
        return new Path(root, "rejected/" + stage);
    }

    /**
     * Where a stage writes its kept rows (and manifest) before commit. Not a hidden name: Spark
     * ignores paths that start with '.' or '_' when it reads them back for the recount.
     */
    public Path pendingStageDir(int index, String stage) {
        return new Path(pendingDir(), PENDING_STAGE_PREFIX + folder(index, stage));
    }

    public Path pendingRejectedDir(String stage) {
        return new Path(pendingDir(), "rejected-" + stage);
    }

    /**
     * A table a stage writes besides its documents, e.g. {@code clusters/<stage>/} of the dedup
     * stages: committed with the stage, and replaced when the stage runs again.
     */
    public Path tableDir(String table, String stage) {
        return new Path(root, table + "/" + stage);
    }

    public Path pendingTableDir(String table, String stage) {
        return new Path(pendingDir(), table + "-" + stage);
    }

    /** A folder at the top of the run ({@link #RUN_FOLDERS}), e.g. {@code blend/}. */
    public Path runFolder(String name) {
        return new Path(root, name);
    }

    /** {@code blend/}: the blend stage's shards and manifest, what the trainer reads. */
    public Path blendDir() {
        return runFolder(dev.winnow.blending.run.BlendInRun.BLEND_FOLDER);
    }

    /** {@code blend/manifest.json}: what the blend stage committed for the trainer. */
    public Path blendManifestFile() {
        return new Path(blendDir(), dev.winnow.blending.BlendManifest.FILE_NAME);
    }

    /** The committed blend manifest, if the run has one. */
    public Optional<dev.winnow.blending.BlendManifest> readBlendManifest() throws IOException {
        Path file = blendManifestFile();
        if (!fs.exists(file)) {
            return Optional.empty();
        }
        try (FSDataInputStream in = fs.open(file)) {
            return Optional.of(dev.winnow.blending.BlendManifest.fromJson(in.readAllBytes()));
        }
    }

    /** Where a stage writes its run folder before commit. */
    public Path pendingRunFolder(String name) {
        return new Path(pendingDir(), name);
    }

    /** Where a stage's Spark checkpoints live while it runs; deleted when it commits. */
    public Path checkpointDir(String stage) {
        return new Path(pendingDir(), "checkpoints-" + stage);
    }

    public static String folder(int index, String stage) {
        return dev.winnow.blending.run.StageChain.folder(index, stage);
    }

    /** The Parquet part files of a stage folder, sorted by name (= by the partition that wrote them). */
    public List<String> partFiles(Path dir) {
        try {
            List<String> files = new ArrayList<>();
            for (FileStatus f : fs.listStatus(dir)) {
                String name = f.getPath().getName();
                if (f.isFile() && name.startsWith("part-")) {
                    files.add(f.getPath().toString());
                }
            }
            Collections.sort(files);
            if (files.isEmpty()) {
                throw new IOException("no part files");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Parquet files of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The committed stages of the run, in folder order: {@code stages/NN-name/_STAGE.json}. */
    public List<StageManifest> committedManifests() throws IOException {
        Path stages = stagesDir();
        List<StageManifest> out = new ArrayList<>();
        if (!fs.exists(stages)) {
            return out;
        }
        List<FileStatus> dirs = new ArrayList<>(List.of(fs.listStatus(stages)));
        dirs.sort(java.util.Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus d : dirs) {
            Path file = new Path(d.getPath(), StageManifest.FILE_NAME);
            if (d.isDirectory() && fs.exists(file)) {
                try (FSDataInputStream in = fs.open(file)) {
                    out.add(StageManifest.fromJson(in.readAllBytes()));
                }
            }
        }
        return out;
    }

    /** Which committed stages are the run's current output, and which are stale folders. */
    public dev.winnow.blending.run.StageChain<StageManifest> stageChain() throws IOException {
        return dev.winnow.blending.run.StageChain.of(committedManifests());
    }

    public Optional<StageManifest> readManifest(int index, String stage) {
        Path file = new Path(stageDir(index, stage), StageManifest.FILE_NAME);
        try {
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (FSDataInputStream in = fs.open(file)) {
                return Optional.of(StageManifest.fromJson(in.readAllBytes()));
            }
        } catch (IOException e) {
            // An unreadable manifest means an incomplete stage: it is run again.
            return Optional.empty();
        }
    }

    void writeManifest(Path dir, StageManifest manifest) throws IOException {
        try (FSDataOutputStream out = fs.create(new Path(dir, StageManifest.FILE_NAME), true)) {
            out.write(manifest.toJson());
        }
    }

    /**
     * Moves a stage's pending folders into place. The stage folder goes last: its manifest is the
     * commit marker, so a crash in between leaves a stage that simply runs again.
     */
    void commit(int index, String stage) throws IOException {
        Path stageDir = stageDir(index, stage);
        Path rejected = rejectedDir(stage);
        fs.delete(stageDir, true);
        fs.delete(rejected, true);
        fs.mkdirs(rejected.getParent());
        for (String table : SIDE_TABLES) {
            Path done = tableDir(table, stage);
            fs.delete(done, true);
            if (fs.exists(pendingTableDir(table, stage))) {
                fs.mkdirs(done.getParent());
                rename(pendingTableDir(table, stage), done);
            }
        }
        for (var owned : RUN_FOLDERS.entrySet()) {
            if (owned.getValue().equals(stage) && fs.exists(pendingRunFolder(owned.getKey()))) {
                fs.delete(runFolder(owned.getKey()), true);
                rename(pendingRunFolder(owned.getKey()), runFolder(owned.getKey()));
            }
        }
        fs.delete(checkpointDir(stage), true);
        rename(pendingRejectedDir(stage), rejected);
        rename(pendingStageDir(index, stage), stageDir);
        removePendingIfEmpty();
    }

    /** Deletes {@code pending/} once nothing is left in it (a finished run leaves none). */
    public void removePendingIfEmpty() throws IOException {
        Path pending = pendingDir();
        if (fs.exists(pending) && fs.listStatus(pending).length == 0) {
            fs.delete(pending, false);
        }
    }

    void clearPending(int index, String stage) throws IOException {
        fs.delete(pendingStageDir(index, stage), true);
        fs.delete(pendingRejectedDir(stage), true);
        for (String table : SIDE_TABLES) {
            fs.delete(pendingTableDir(table, stage), true);
        }
        for (var owned : RUN_FOLDERS.entrySet()) {
            if (owned.getValue().equals(stage)) {
                fs.delete(pendingRunFolder(owned.getKey()), true);
            }
        }
        fs.delete(checkpointDir(stage), true);
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
