package dev.winnow.jobs.dedup;

import dev.winnow.jobs.config.DatasetSpec;
import org.apache.spark.sql.Column;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/** The dataset priority of each document, as a column: higher wins a duplicate group. */
public final class Priorities {
    private Priorities() {
    }

    /** {@code priority} of the row's dataset; 0 for a dataset the config does not list. */
    public static Column of(List<DatasetSpec> datasets, String datasetColumn) {
        Column c = null;
        for (DatasetSpec d : datasets) {
            Column match = col(datasetColumn).equalTo(d.name());
            c = c == null ? when(match, lit(d.priority())) : c.when(match, lit(d.priority()));
        }
        return c == null ? lit(0) : c.otherwise(lit(0));
    }

    /** The priorities as text, for a stage's settings hash: changing one reruns dedup. */
    public static String describe(List<DatasetSpec> datasets) {
        StringBuilder s = new StringBuilder("priorities:");
        datasets.stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(d -> s.append(' ').append(d.name()).append('=').append(d.priority()));
        return s.toString();
    }
}
