package dev.winnow.jobs.config;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the small text files the driver needs before it runs anything (the config file itself and
 * the blend spec) from the local disk, or from any Hadoop file system when named by a URI
 * ({@code hdfs://}, {@code s3a://}, {@code viewfs://}): a cluster job can keep its configuration
 * beside its data instead of shipping it with {@code --files}.
 */
public final class ConfigFiles {
    /** A config or spec is a few KB; a larger file named by mistake (a data file) is refused, not read whole. */
    static final long MAX_BYTES = 16L << 20;
    public static final String SPARK_HADOOP = "spark.hadoop.";
    private static final Pattern HADOOP_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private ConfigFiles() {
    }

    /** True for a URI whose scheme is not {@code file}: it is read through Hadoop. */
    public static boolean onHadoop(String location) {
        return HADOOP_URI.matcher(location).matches() && !location.regionMatches(true, 0, "file:", 0, 5);
    }

    /**
     * A location that is not {@link #onHadoop}: a path, or a {@code file:} URI
     * ({@code file:///etc/winnow/spec.conf}), as a local path.
     */
    public static java.nio.file.Path localPath(String location) {
        if (!location.regionMatches(true, 0, "file:", 0, 5)) {
            return java.nio.file.Path.of(location);
        }
        try {
            return java.nio.file.Path.of(java.net.URI.create(location));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("'" + location + "' is not a file URI with an absolute path (file:///folder/file.conf): "
                    + e.getMessage(), e);
        }
    }

    /** A Hadoop configuration (the classpath's {@code core-site.xml}) with the {@code spark.hadoop.*} settings given. */
    public static Configuration hadoopConfiguration(Map<String, String> sparkSettings) {
        Configuration conf = new Configuration();
        sparkSettings.forEach((k, v) -> {
            if (k.startsWith(SPARK_HADOOP)) {
                conf.set(k.substring(SPARK_HADOOP.length()), v);
            }
        });
        return conf;
    }

    /** The whole text (UTF-8) of a file on a Hadoop file system; a missing, unreadable or oversized file is a {@link ConfigError}. */
    public static String read(String location, Map<String, String> sparkSettings) {
        return readIfExists(location, sparkSettings)
                .orElseThrow(() -> new ConfigError(location + " does not exist"));
    }

    /** As {@link #read}, empty when the file does not exist (an optional HOCON include). */
    public static java.util.Optional<String> readIfExists(String location, Map<String, String> sparkSettings) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoopConfiguration(sparkSettings));
            long length = fs.getFileStatus(path).getLen();
            if (length > MAX_BYTES) {
                throw new ConfigError(location + " is " + length + " bytes: too large for a config file (at most "
                        + MAX_BYTES + ")");
            }
            try (FSDataInputStream in = fs.open(path)) {
                return java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (ConfigError e) {
            throw e;
        } catch (FileNotFoundException e) {
            return java.util.Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: Hadoop's word for a malformed URI or an unknown authority
            throw new ConfigError("cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
