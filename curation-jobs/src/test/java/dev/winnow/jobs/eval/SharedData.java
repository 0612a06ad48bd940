package dev.winnow.jobs.eval;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real corpora are: -Dwinnow.data (the build sets it to ../shared/data). */
public final class SharedData {
    private SharedData() {
    }

    /** The data folder; the evaluation is skipped (not passed) when it is absent. */
    public static Path root() {
        String configured = System.getProperty("winnow.data", "../../shared/data");
        Path p = Path.of(configured).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(p), "no shared data at " + p + " (set -Dwinnow.data=PATH)");
        return p;
    }
}
