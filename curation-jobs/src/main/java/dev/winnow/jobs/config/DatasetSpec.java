package dev.winnow.jobs.config;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One source dataset of the pipeline, as configured under {@code winnow.datasets}.
 *
 * @param paths     files, folders or globs (Hadoop paths), already resolved against the config file
 * @param priority  higher wins when deduplication keeps one document of a group
 * @param textUnit  for {@link SourceFormat#TEXT}: one document per file or per line
 */
public record DatasetSpec(
        String name,
        SourceFormat format,
        List<String> paths,
        int priority,
        String idField,
        String textField,
        String urlField,
        TextUnit textUnit) implements Serializable {

    /** How a plain-text source is cut into documents. */
    public enum TextUnit { FILE, LINE }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public DatasetSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigError("dataset name '" + name + "' must be 1-128 letters, digits, '.', '_' or '-'"
                    + " and start with a letter or digit");
        }
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new ConfigError("dataset " + name + ": path is empty");
        }
        for (String[] field : new String[][] {{"id-field", idField}, {"text-field", textField}, {"url-field", urlField}}) {
            if (field[1] != null) {
                FieldPath.check("dataset " + name + ": " + field[0], field[1]);
            }
        }
    }

    /**
     * Fails, naming the first of {@code named} that is not one of the run's {@code datasets} (and the
     * closest name that is), for settings that name datasets (quality, language).
     */
    public static void requireKnown(List<String> named, List<String> datasets) {
        for (String name : named) {
            if (!datasets.contains(name)) {
                String near = EditDistance.closest(name, datasets, 2);
                throw new IllegalArgumentException("'" + name + "' is not a dataset of this run"
                        + (near == null ? "" : " (did you mean '" + near + "'?)") + "; it has "
                        + String.join(", ", datasets));
            }
        }
    }

    /** True when the reader should split a large file into byte ranges read in parallel. */
    public boolean lineOriented() {
        return format == SourceFormat.JSONL || (format == SourceFormat.TEXT && textUnit == TextUnit.LINE);
    }
}
