package dev.winnow.jobs.cli;

import java.lang.management.ManagementFactory;
import java.util.List;

/** The Spark module flags this test JVM was started with, to start child JVMs the same way. */
final class ManagementFlags {
    private ManagementFlags() {
    }

    static List<String> sparkJvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")
                        || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Dio.netty")
                        || a.startsWith("-Dlog4j2"))
                .toList();
    }
}
