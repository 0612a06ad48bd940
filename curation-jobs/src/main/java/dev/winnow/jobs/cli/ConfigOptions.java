package dev.winnow.jobs.cli;

import dev.winnow.jobs.config.WinnowConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every command that runs stages takes. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Pipeline config (HOCON). Default: conf/local.conf of this Winnow (the bundled sample).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set clean.min-chars=100 (the winnow. prefix is optional).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[4] or spark://host:7077. Default: spark-submit's, else winnow.spark.master.")
    String master;

    /** These options as arguments again, for the same command in another JVM (the config path absolute). */
    java.util.List<String> asArguments() {
        List<String> out = new ArrayList<>();
        if (config != null) {
            out.add("--config");
            out.add(config.toAbsolutePath().toString());
        }
        for (String o : overrides) {
            out.add("--set");
            out.add(o);
        }
        if (master != null) {
            out.add("--master");
            out.add(master);
        }
        return out;
    }

    WinnowConfig load() {
        return WinnowConfig.load(config != null ? config : defaultConfig(), overrides);
    }

    /** bin/winnow exports WINNOW_HOME; elsewhere the current directory is taken as the checkout. */
    static Path defaultConfig() {
        String home = System.getenv("WINNOW_HOME");
        return Path.of(home != null ? home : ".").resolve("conf/local.conf");
    }
}
