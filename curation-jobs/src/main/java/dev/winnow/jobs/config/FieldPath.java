package dev.winnow.jobs.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A configured field name as the steps of a path into nested objects, written as Spark writes
 * column paths: dots between the steps ({@code meta.url}), and a step that holds a dot or a
 * backtick in backticks, a backtick in it doubled ({@code `warc.url`}, {@code meta.`a``b`}).
 * One parser for every reader of such a name (JSONL and Parquet sources, decontamination task
 * sets), so that a name means the same everywhere and a malformed one fails with the config.
 */
public final class FieldPath {
    private FieldPath() {
    }

    /**
     * Checks a configured field name when the config is read: a malformed one fails with
     * {@code where} (the dataset or task set, and its key) in front of what is wrong.
     */
    public static void check(String where, String path) {
        try {
            steps(path);
        } catch (ConfigError e) {
            throw new ConfigError(where + ": " + e.getMessage(), e);
        }
    }

    /** The steps of {@code path}, each a field name as it is in the data. */
    public static List<String> steps(String path) {
        if (path == null || path.isEmpty()) {
            throw new ConfigError("field name is empty");
        }
        List<String> steps = new ArrayList<>();
        StringBuilder step = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < path.length() && path.charAt(i) == '`') {
                int from = i;
                for (i++;; i++) {
                    if (i == path.length()) {
                        throw new ConfigError("field name '" + path + "': the backtick at " + from + " is not closed");
                    }
                    if (path.charAt(i) == '`') {
                        if (i + 1 < path.length() && path.charAt(i + 1) == '`') {
                            step.append('`');
                            i++;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        step.append(path.charAt(i));
                    }
                }
                if (i < path.length() && path.charAt(i) != '.') {
                    throw new ConfigError("field name '" + path + "': expected '.' or the end after the backticked name"
                            + " at " + i + ", found '" + path.charAt(i) + "'");
                }
            } else {
                while (i < path.length() && path.charAt(i) != '.') {
                    if (path.charAt(i) == '`') {
                        throw new ConfigError("field name '" + path + "': a backtick at " + i
                                + " inside a name; put the whole name in backticks and double the backtick");
                    }
                    step.append(path.charAt(i++));
                }
            }
            if (step.isEmpty()) {
                throw new ConfigError("field name '" + path + "': empty name at " + i
                        + " (a leading, trailing or doubled '.'?); a name with a dot goes in backticks: `a.b`");
            }
            steps.add(step.toString());
            step.setLength(0);
            if (i == path.length()) {
                return List.copyOf(steps);
            }
            i++; // the dot; a name must follow it (the check above, next round)
        }
    }
}
