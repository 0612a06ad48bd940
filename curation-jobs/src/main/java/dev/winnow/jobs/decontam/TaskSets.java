package dev.winnow.jobs.decontam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.dedup.decontam.TaskExample;
import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.FieldPath;
import dev.winnow.jobs.ingest.Compression;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the task sets of {@code decontaminate.tasks} (on the driver). A line that is not an
 * example (bad JSON, no text field, a text that is not a string) is skipped, counted and named in
 * {@link Loaded#skipped}; a task set that cannot be read, or has no example, is a configuration
 * error: decontaminating against nothing is never what was meant.
 */
public final class TaskSets {
    private static final int SKIPS_SHOWN = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one task set gave. */
    public record Loaded(TaskSpec spec, List<String> files, List<TaskExample> examples, long skippedLines,
                         List<String> skipped) {
    }

    private TaskSets() {
    }

    public static List<Loaded> load(List<TaskSpec> specs, Configuration conf) {
        List<Loaded> out = new ArrayList<>();
        for (TaskSpec spec : specs) {
            out.add(load(spec, conf));
        }
        return out;
    }

    static Loaded load(TaskSpec spec, Configuration conf) {
        List<Path> files = files(spec, conf);
        List<TaskExample> examples = new ArrayList<>();
        List<String> textPath = FieldPath.steps(spec.textField());
        List<String> idPath = FieldPath.steps(spec.idField());
        List<String> skipped = new ArrayList<>();
        long[] skippedLines = {0};
        for (Path file : files) {
            try {
                FileSystem fs = file.getFileSystem(conf);
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        Compression.of(file.getName()).wrap(fs.open(file)), StandardCharsets.UTF_8), 1 << 16)) {
                    long line = 0;
                    for (String s = r.readLine(); s != null; s = r.readLine()) {
                        line++;
                        if (s.isBlank()) {
                            continue;
                        }
                        String where = file.getName() + ":" + line;
                        String problem = null;
                        if (spec.format() == TaskSpec.Format.TEXT) {
                            examples.add(new TaskExample(spec.name(), where, s));
                        } else {
                            problem = addJson(examples, spec, textPath, idPath, s, where);
                        }
                        if (problem != null) {
                            skippedLines[0]++;
                            if (skipped.size() < SKIPS_SHOWN) {
                                skipped.add(where + ": " + problem);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new ConfigError("decontaminate.tasks '" + spec.name() + "': cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (examples.isEmpty()) {
            throw new ConfigError("decontaminate.tasks '" + spec.name() + "': no examples in " + spec.path()
                    + (skipped.isEmpty() ? "" : " (skipped: " + String.join("; ", skipped) + ")"));
        }
        return new Loaded(spec, files.stream().map(Path::toString).toList(), examples, skippedLines[0], skipped);
    }

    private static String addJson(List<TaskExample> examples, TaskSpec spec, List<String> textPath,
            List<String> idPath, String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "not JSON (" + e.getOriginalMessage() + ")";
        }
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        JsonNode text = at(node, textPath);
        if (text == null || text.isNull()) {
            return "no '" + spec.textField() + "' field";
        }
        if (!text.isTextual()) {
            String type = text.getNodeType().toString().toLowerCase(Locale.ROOT);
            return "'" + spec.textField() + "' is " + ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type
                    + ", not a string";
        }
        JsonNode id = at(node, idPath);
        String exampleId = id != null && (id.isTextual() || id.isNumber()) ? id.asText() : where;
        examples.add(new TaskExample(spec.name(), exampleId, text.textValue()));
        return null;
    }

    /** The value at a field's path ({@link FieldPath}: {@code question.stem}); null when absent. */
    static JsonNode at(JsonNode object, List<String> path) {
        JsonNode node = object;
        for (String name : path) {
            node = node == null || !node.isObject() ? null : node.get(name);
        }
        return node;
    }

    private static List<Path> files(TaskSpec spec, Configuration conf) {
        try {
            Path path = new Path(spec.path());
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matched = fs.globStatus(path);
            if (matched == null || matched.length == 0) {
                throw new ConfigError("decontaminate.tasks '" + spec.name() + "': " + spec.path() + " does not exist");
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus s : matched) {
                if (s.isDirectory()) {
                    FileStatus[] children = fs.listStatus(s.getPath());
                    Arrays.sort(children);
                    for (FileStatus c : children) {
                        String n = c.getPath().getName();
                        if (c.isFile() && !n.startsWith(".") && !n.startsWith("_")) {
                            files.add(c.getPath());
                        }
                    }
                } else {
                    files.add(s.getPath());
                }
            }
            files.sort(null);
            if (files.isEmpty()) {
                throw new ConfigError("decontaminate.tasks '" + spec.name() + "': no files in " + spec.path());
            }
            return files;
        } catch (IOException e) {
            throw new ConfigError("decontaminate.tasks '" + spec.name() + "': cannot list " + spec.path() + ": " + e.getMessage(), e);
        }
    }
}
