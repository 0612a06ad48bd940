package dev.winnow.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.DocumentTrace;
import dev.winnow.jobs.run.RunLayout;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code winnow trace --run DIR ID...}: where documents went, stage by stage: kept (and what the
 * stage set or changed), rejected (reason and detail), or cut into pieces that are followed on.
 * The question a user asks of a pipeline that dropped their document. With {@code --json}, one
 * JSON object per id and line, for scripts.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Follows documents through a run's stages by id (or --url): which stage kept each one and "
                + "what it set, which rejected it and why, which cut it into pieces. Reads the committed "
                + "stage folders and rejected/ (never the text).")
final class TraceCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "The run folder: a path or a Hadoop URI (hdfs://…), e.g. runs/sample.")
    String run;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Document ids, as in the stage tables (dataset/…).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL", description = "Also the documents of this source URL; repeatable.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per document and line (id, found, stages with "
            + "outcome, changed columns, kept ids, rejections, group size) instead of text.")
    boolean json;

    @Option(names = "--master", description = "Spark master (default: local[*]).")
    String master = "local[*]";

    @Override
    public Integer call() throws Exception {
        if (ids.isEmpty() && urls.isEmpty()) {
            System.err.println("winnow trace: name at least one document id or --url");
            return 2;
        }
        WinnowConfig config = WinnowConfig.parse("winnow { run-dir = \"" + run.replace("\"", "\\\"") + "\" }",
                List.of("spark.conf.\"spark.ui.enabled\"=false"));
        SparkSession spark = SparkSessions.open(config, master);
        try {
            RunLayout layout = new RunLayout(config.runDir(), spark.sparkContext().hadoopConfiguration());
            if (!layout.fs().exists(layout.stagesDir())) {
                System.err.println("winnow trace: " + run + " has no stages/ folder: not a run folder");
                return 2;
            }
            List<String> wanted = new ArrayList<>(ids);
            boolean allFound = true;
            if (!urls.isEmpty()) {
                List<String> byUrl = DocumentTrace.idsWithUrl(spark, layout, urls);
                if (byUrl.isEmpty()) {
                    // On stderr with --json, so that stdout stays JSON lines.
                    (json ? System.err : System.out).println("no document of the first stage has the URL "
                            + String.join(" or ", urls));
                    allFound = false;
                }
                byUrl.stream().filter(id -> !wanted.contains(id)).forEach(wanted::add);
            }
            for (DocumentTrace.Path path : DocumentTrace.of(spark, layout, wanted)) {
                if (json) {
                    System.out.println(json(path));
                } else {
                    lines(path).forEach(System.out::println);
                }
                allFound &= path.found();
            }
            return allFound ? 0 : 1;
        } finally {
            spark.stop();
        }
    }

    /** One id's way, a line per stage. */
    static List<String> lines(DocumentTrace.Path path) {
        List<String> out = new ArrayList<>();
        if (!path.found()) {
            out.add(path.id() + ": not in the run (no stage kept or rejected this id)");
            return out;
        }
        out.add(path.id() + ":");
        for (DocumentTrace.Step s : path.steps()) {
            out.add(String.format("  %-18s %s", s.folder(), describe(s)));
        }
        return out;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One id's way as one JSON line: the same facts as {@link #lines}, named. */
    static String json(DocumentTrace.Path path) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", path.id());
        root.put("found", path.found());
        ArrayNode stages = root.putArray("stages");
        for (DocumentTrace.Step s : path.steps()) {
            ObjectNode step = stages.addObject();
            step.put("stage", s.folder());
            step.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
            ObjectNode changed = step.putObject("changed");
            s.changed().forEach(changed::put);
            ArrayNode kept = step.putArray("kept");
            s.keptPieces().forEach(kept::add);
            ArrayNode rejected = step.putArray("rejected");
            for (DocumentTrace.Rejection r : s.rejections()) {
                rejected.addObject().put("id", r.id()).put("reason", r.reason()).put("detail", r.detail());
            }
            step.put("group_size", s.keptFor());
        }
        return root.toString();
    }

    private static String describe(DocumentTrace.Step s) {
        return switch (s.outcome()) {
            case KEPT -> s.keptPieces().size() > 1 || !s.rejections().isEmpty()
                    ? "kept " + pieces(s.keptPieces()) + (s.rejections().isEmpty() ? "" : "; rejected " + rejections(s.rejections(), true))
                    : "kept" + (s.keptFor() > 0 ? " for its group of " + s.keptFor() + " documents" : "")
                    + (s.changed().isEmpty() ? "" : ": " + changes(s.changed()));
            case REJECTED -> "rejected: " + rejections(s.rejections(), s.rejections().size() > 1);
            case SPLIT -> "cut into " + (s.keptPieces().size() + s.rejections().size()) + " pieces: kept "
                    + (s.keptPieces().isEmpty() ? "none" : String.join(", ", s.keptPieces()))
                    + (s.rejections().isEmpty() ? "" : "; rejected " + rejections(s.rejections(), true));
            case ABSENT -> "neither kept nor rejected: the stage's tables lack it (a run folder changed by hand?)";
        };
    }

    private static String pieces(List<String> ids) {
        return ids.size() + (ids.size() == 1 ? " piece" : " pieces") + (ids.isEmpty() ? "" : ": " + String.join(", ", ids));
    }

    private static String changes(Map<String, String> changed) {
        return changed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String rejections(List<DocumentTrace.Rejection> rejected, boolean withIds) {
        return rejected.stream().map(r -> (withIds ? r.id() + " " : "") + r.reason()
                + (r.detail() == null || r.detail().isEmpty() ? "" : " (" + r.detail() + ")")).collect(Collectors.joining("; "));
    }
}
