package dev.winnow.jobs.run;

import dev.winnow.jobs.dedup.Representatives;
import dev.winnow.jobs.docs.Documents;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Where documents went in a run: for each id, stage by stage through the run's current output,
 * whether the stage kept it (and what it changed: the columns whose value it set or changed),
 * rejected it (reason and detail), or cut it into pieces ({@code <id>#<k>}, followed from then on).
 * Read from the committed stage folders and {@code rejected/}; text is never read.
 */
public final class DocumentTrace {
    /**
     * What one stage did to one document (or to its pieces); {@code keptFor}: for a document a
     * dedup stage kept for a group of duplicates, the group's size (else 0).
     */
    public record Step(String folder, Outcome outcome, Map<String, String> changed, List<String> keptPieces,
                       List<Rejection> rejections, long keptFor) {
    }

    /** A rejected row: its id (the document's, or a piece's), reason and detail. */
    public record Rejection(String id, String reason, String detail) {
    }

    public enum Outcome {
        KEPT, REJECTED,
        /** Cut into pieces: some kept (followed on), some perhaps rejected. */
        SPLIT,
        /** Neither kept nor rejected: not in the run at the first stage; after it, a broken run folder. */
        ABSENT
    }

    /** One id's way through the stages, up to the stage that rejected it or the last one. */
    public record Path(String id, List<Step> steps) {
        /** Whether any stage had the document (else the id is not in the run). */
        public boolean found() {
            return steps.stream().anyMatch(s -> s.outcome() != Outcome.ABSENT);
        }
    }

    private DocumentTrace() {
    }

    /** The ways of {@code ids} through the run's current stages (stale folders are not followed). */
    public static List<Path> of(SparkSession spark, RunLayout layout, List<String> ids) throws IOException {
        Map<String, Set<String>> live = new LinkedHashMap<>();
        Map<String, Map<String, String>> last = new LinkedHashMap<>();
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        for (String id : ids) {
            live.put(id, new LinkedHashSet<>(Set.of(id)));
            steps.put(id, new ArrayList<>());
        }
        for (StageManifest stage : layout.stageChain().current()) {
            Set<String> wanted = new LinkedHashSet<>();
            live.values().forEach(wanted::addAll);
            if (wanted.isEmpty()) {
                break;
            }
            String folder = RunLayout.folder(stage.index(), stage.stage());
            List<Row> kept = rows(spark, layout.stageDir(stage.index(), stage.stage()), wanted);
            org.apache.hadoop.fs.Path rejectedDir = layout.rejectedDir(stage.stage());
            List<Row> rejected = layout.fs().exists(rejectedDir) ? rows(spark, rejectedDir, wanted) : List.of();
            org.apache.hadoop.fs.Path clusters = layout.tableDir("clusters", stage.stage());
            Map<String, Long> groups = layout.fs().exists(clusters) ? groupSizes(spark, clusters, wanted) : Map.of();
            for (String id : ids) {
                Set<String> mine = live.get(id);
                if (mine.isEmpty()) {
                    continue;
                }
                List<Row> myKept = kept.stream().filter(r -> belongs(r.getAs(Documents.ID), mine)).toList();
                List<Rejection> myRejected = rejected.stream().filter(r -> belongs(r.getAs(Documents.ID), mine))
                        .map(r -> new Rejection(r.getAs(Documents.ID), r.getAs(Documents.REJECTED_REASON), r.getAs(Documents.REJECTED_DETAIL)))
                        .toList();
                Step step = step(folder, mine, myKept, myRejected, last.get(id), groups.getOrDefault(id, 0L));
                steps.get(id).add(step);
                live.put(id, new LinkedHashSet<>(step.keptPieces()));
                if (myKept.size() == 1) {
                    last.put(id, values(myKept.get(0)));
                }
            }
        }
        return ids.stream().map(id -> new Path(id, List.copyOf(steps.get(id)))).toList();
    }

    private static Step step(String folder, Set<String> mine, List<Row> kept, List<Rejection> rejected,
                             Map<String, String> before, long groupSize) {
        List<String> keptIds = kept.stream().map(r -> r.<String>getAs(Documents.ID)).sorted().toList();
        if (kept.isEmpty() && rejected.isEmpty()) {
            return new Step(folder, Outcome.ABSENT, Map.of(), List.of(), List.of(), 0);
        }
        boolean newIds = !mine.containsAll(keptIds) || rejected.stream().anyMatch(r -> !mine.contains(r.id()));
        if (newIds) {
            return new Step(folder, Outcome.SPLIT, Map.of(), keptIds, rejected, 0);
        }
        if (kept.isEmpty()) {
            return new Step(folder, Outcome.REJECTED, Map.of(), List.of(), rejected, 0);
        }
        Map<String, String> changed = new LinkedHashMap<>();
        if (kept.size() == 1) {
            values(kept.get(0)).forEach((k, v) -> {
                // The first stage shows what the document is (its null columns left out); later ones what they changed.
                if (before == null ? !v.equals("null") : !Objects.equals(before.get(k), v)) {
                    changed.put(k, v);
                }
            });
        }
        // Pieces followed from an earlier stage may be kept here while others are rejected.
        return new Step(folder, Outcome.KEPT, changed, keptIds, rejected, groupSize);
    }

    /**
     * The ids of the documents the run's first stage kept with one of these URLs, in id order (a
     * URL may name several documents; rejected rows carry no URL).
     */
    public static List<String> idsWithUrl(SparkSession spark, RunLayout layout, List<String> urls) throws IOException {
        var first = layout.stageChain().current().stream().findFirst();
        if (first.isEmpty()) {
            return List.of();
        }
        Dataset<Row> docs = spark.read().parquet(layout.stageDir(first.get().index(), first.get().stage()).toString());
        if (!List.of(docs.columns()).contains(Documents.URL)) {
            return List.of();
        }
        return docs.filter(col(Documents.URL).isin(urls.toArray())).select(Documents.ID).orderBy(Documents.ID)
                .collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    /** The document's own id, or a piece of it ({@code <id>#<k>}). */
    private static boolean belongs(String rowId, Set<String> ids) {
        if (ids.contains(rowId)) {
            return true;
        }
        int hash = rowId.lastIndexOf('#');
        return hash > 0 && ids.contains(rowId.substring(0, hash));
    }

    /** The sizes of the duplicate groups (a dedup stage's clusters table) kept as one of these ids. */
    private static Map<String, Long> groupSizes(SparkSession spark, org.apache.hadoop.fs.Path clusters, Set<String> ids) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : spark.read().parquet(clusters.toString()).filter(col(Representatives.CLUSTER).isin(ids.toArray()))
                .select(Representatives.CLUSTER, Representatives.SIZE).collectAsList()) {
            out.put(r.getString(0), ((Number) r.get(1)).longValue());
        }
        return out;
    }

    /** The rows of a table whose id is one of {@code ids} or a piece of one, without text. */
    private static List<Row> rows(SparkSession spark, org.apache.hadoop.fs.Path dir, Set<String> ids) {
        Dataset<Row> table = spark.read().parquet(dir.toString());
        Column match = col(Documents.ID).isin(ids.toArray());
        for (String id : ids) {
            match = match.or(col(Documents.ID).startsWith(lit(id + "#")));
        }
        return table.filter(match).drop(Documents.TEXT).collectAsList();
    }

    /** A kept row's columns as text (id and the stage's outcome columns left out). */
    private static Map<String, String> values(Row r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : r.schema().fieldNames()) {
            if (f.equals(Documents.ID) || f.startsWith(Documents.OUTCOME_PREFIX)) {
                continue;
            }
            Object v = r.getAs(f);
            out.put(f, v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(v));
        }
        return out;
    }
}
