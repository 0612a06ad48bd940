package dev.winnow.jobs.decontam;

import dev.winnow.dedup.decontam.CutOutcome;
import dev.winnow.dedup.decontam.NgramMatches;
import dev.winnow.dedup.decontam.TaskNgramIndex;
import dev.winnow.dedup.decontam.WordTokens;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code contamination/decontaminate/} table: one row per document that held task n-grams,
 * saying which tasks and n-grams matched (character offsets in the document as it came in), what
 * was cut, and how much of it each task cost.
 */
public final class Contamination {
    /** The first this many matches of a document are listed; {@code match_count} has them all. */
    public static final int MATCHES_LISTED = 100;

    public static final String ID = "id";
    public static final String DATASET = "dataset";
    public static final String TASKS = "tasks";
    public static final String MATCHES = "matches";
    public static final String MATCH_COUNT = "match_count";
    public static final String MATCHES_BY_TASK = "matches_by_task";
    public static final String CUTS = "cuts";
    public static final String PIECES_KEPT = "pieces_kept";
    public static final String PIECES_DROPPED = "pieces_dropped";
    public static final String CHARS = "chars";
    public static final String CHARS_REMOVED = "chars_removed";
    public static final String CHARS_REMOVED_BY_TASK = "chars_removed_by_task";
    public static final String DROPPED = "dropped";

    public static final StructType MATCH = new StructType()
            .add("task", DataTypes.StringType, false)
            .add("ngram", DataTypes.StringType, false)
            .add("example", DataTypes.StringType, true)
            .add("start", DataTypes.IntegerType, false)
            .add("end", DataTypes.IntegerType, false);

    public static final StructType SCHEMA = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(DATASET, DataTypes.StringType, false)
            .add(TASKS, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(MATCHES, DataTypes.createArrayType(MATCH, false), false)
            .add(MATCH_COUNT, DataTypes.IntegerType, false)
            .add(MATCHES_BY_TASK, DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false), false)
            .add(CUTS, DataTypes.IntegerType, false)
            .add(PIECES_KEPT, DataTypes.IntegerType, false)
            .add(PIECES_DROPPED, DataTypes.IntegerType, false)
            .add(CHARS, DataTypes.LongType, false)
            .add(CHARS_REMOVED, DataTypes.LongType, false)
            .add(CHARS_REMOVED_BY_TASK, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false), false)
            .add(DROPPED, DataTypes.StringType, true);

    private Contamination() {
    }

    /** The table row of one cut document. */
    public static Row row(String id, String dataset, WordTokens words, NgramMatches matches, CutOutcome cut,
                          TaskNgramIndex index) {
        List<String> names = index.tasks();
        int[] perTask = new int[names.size()];
        List<Row> listed = new ArrayList<>();
        for (int m = 0; m < matches.size(); m++) {
            int e = matches.entry(m);
            int[] tasks = index.tasksOf(e);
            for (int t : tasks) {
                perTask[t]++;
            }
            if (listed.size() < MATCHES_LISTED) {
                int from = matches.wordStart(m);
                listed.add(RowFactory.create(names.get(tasks[0]), index.text(e), index.exampleId(e),
                        words.start(from), words.end(from + matches.length(m) - 1)));
            }
        }
        List<String> tasks = new ArrayList<>();
        Map<String, Integer> matchesByTask = new LinkedHashMap<>();
        Map<String, Long> removedByTask = new LinkedHashMap<>();
        for (int t = 0; t < names.size(); t++) {
            if (perTask[t] > 0) {
                tasks.add(names.get(t));
                matchesByTask.put(names.get(t), perTask[t]);
            }
            if (cut.charsRemoved()[t] > 0) {
                removedByTask.put(names.get(t), cut.charsRemoved()[t]);
            }
        }
        int kept = cut.keptPieces().size();
        String text = words.text();
        return RowFactory.create(id, dataset, seq(tasks), seq(listed), matches.size(), map(matchesByTask),
                cut.cuts().size(), kept, cut.pieces().size() - kept, (long) text.codePointCount(0, text.length()),
                cut.totalCharsRemoved(), map(removedByTask), dropName(cut.dropReason()));
    }

    /** Spark's row encoder takes Scala collections for array and map columns. */
    public static <T> scala.collection.Seq<T> seq(List<T> list) {
        return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }

    static <K, V> scala.collection.Map<K, V> map(Map<K, V> map) {
        return scala.jdk.javaapi.CollectionConverters.asScala(map);
    }

    /** The {@code dropped} value: null, {@code too-many-pieces} or {@code nothing-left}. */
    public static String dropName(CutOutcome.DropReason reason) {
        return reason == null ? null : reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
