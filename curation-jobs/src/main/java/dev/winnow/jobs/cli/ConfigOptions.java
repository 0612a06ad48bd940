package dev.winnow.jobs.cli;

import dev.winnow.jobs.config.ConfigFiles;
import dev.winnow.jobs.config.WinnowConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every command that runs stages takes. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Pipeline config (HOCON): a local file, or a URI on any Hadoop file system (hdfs://, s3a://). "
                    + "Default: conf/local.conf of this Winnow (the bundled sample).")
    String config;

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
            out.add(config.contains(":") ? config : Path.of(config).toAbsolutePath().toString()); // a URI as it is
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
        // spark-submit's spark.hadoop.* settings reach a config (and blend spec) on HDFS or S3.
        return WinnowConfig.load(config != null ? config : defaultConfig().toString(), overrides,
                sparkSubmitHadoopSettings());
    }

    /**
     * spark-submit's {@code spark.hadoop.*} settings ({@code --conf}, {@code spark-defaults.conf}),
     * which it passes to the driver as system properties: what a Hadoop file system needs (S3
     * credentials, a mount table) before the config that could also hold them is read.
     */
    static java.util.Map<String, String> sparkSubmitHadoopSettings() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (scala.Tuple2<String, String> e : new org.apache.spark.SparkConf().getAllWithPrefix(ConfigFiles.SPARK_HADOOP)) {
            out.put(ConfigFiles.SPARK_HADOOP + e._1(), e._2());
        }
        return out;
    }

    /** bin/winnow exports WINNOW_HOME; elsewhere the current directory is taken as the checkout. */
    static Path defaultConfig() {
        String home = System.getenv("WINNOW_HOME");
        return Path.of(home != null ? home : ".").resolve("conf/local.conf");
    }
}
