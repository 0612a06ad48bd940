package dev.winnow.jobs.decontam;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.FieldPath;
import dev.winnow.jobs.config.StageSettings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One task set of {@code decontaminate.tasks}: {@code { name, path, format = jsonl|text,
 * text-field = text, id-field = id }}. JSONL gives one example per line (the text field, as in
 * {@code ../shared/data/decontam/}); text gives one example per non-blank line. {@code path} is a
 * file, a folder (its files) or a glob, on any Hadoop file system, optionally gzip or zstd.
 */
public record TaskSpec(String name, String path, Format format, String textField, String idField)
        implements java.io.Serializable {

    public enum Format { JSONL, TEXT }

    private static final Set<String> KEYS = Set.of("name", "path", "format", "text-field", "id-field");

    /** Checks the field names ({@link FieldPath}), naming the task set. */
    public TaskSpec {
        FieldPath.check("decontaminate.tasks '" + name + "': text-field", textField);
        FieldPath.check("decontaminate.tasks '" + name + "': id-field", idField);
    }

    /** The task sets of a {@code decontaminate} block, checked. */
    public static List<TaskSpec> parse(StageSettings block) {
        List<TaskSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (StageSettings t : block.getObjectList("tasks")) {
            for (String k : t.keys()) {
                if (!KEYS.contains(k)) {
                    throw new ConfigError(t.path() + ": unknown key '" + k + "'; a task set takes "
                            + String.join(", ", new java.util.TreeSet<>(KEYS)));
                }
            }
            for (String required : List.of("name", "path")) {
                if (!t.has(required)) {
                    throw new ConfigError(t.path() + ": '" + required + "' is required");
                }
            }
            String name = t.getString("name");
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ConfigError(t.path() + ".name: '" + name + "' must be letters, digits, '_', '.' or '-' "
                        + "(it becomes the reason contaminated:<name>)");
            }
            if (!names.add(name)) {
                throw new ConfigError(t.path() + ".name: task '" + name + "' is listed twice");
            }
            String f = t.has("format") ? t.getString("format") : "jsonl";
            Format format = switch (f) {
                case "jsonl" -> Format.JSONL;
                case "text" -> Format.TEXT;
                default -> throw new ConfigError(t.path() + ".format: '" + f + "' must be jsonl or text");
            };
            out.add(new TaskSpec(name, t.getPath("path"), format,
                    t.has("text-field") ? t.getString("text-field") : "text",
                    t.has("id-field") ? t.getString("id-field") : "id"));
        }
        return List.copyOf(out);
    }
}
