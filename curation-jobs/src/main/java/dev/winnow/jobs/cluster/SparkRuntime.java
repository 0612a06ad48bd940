package dev.winnow.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What it takes to start Spark JVMs from Maven's jars: the Spark classpath (the job module's
 * provided dependencies, {@code curation-jobs/target/spark-classpath.txt}), the job jar, the Java 17
 * module flags and the java command.
 */
public final class SparkRuntime {
    /**
     * The module openings Spark 4 needs on Java 17 in every JVM that hosts it
     * ({@code org.apache.spark.launcher.JavaModuleOptions}; bin/winnow and the POM list the same).
     */
    public static final List<String> JAVA17_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final List<Path> sparkJars;
    private final Path jobJar;

    public SparkRuntime(List<Path> sparkJars, Path jobJar) {
        this.sparkJars = List.copyOf(sparkJars);
        this.jobJar = jobJar;
    }

    /**
     * From the build folder of the job module: {@code spark-classpath.txt} and the shaded
     * {@code winnow-jobs-*.jar} (not {@code original-*}); the jar may be missing (null) for commands
     * that need only Spark.
     */
    public static SparkRuntime fromBuild(Path targetDir) {
        return new SparkRuntime(readClasspath(targetDir.resolve("spark-classpath.txt")), findJobJar(targetDir).orElse(null));
    }

    /**
     * As bin/winnow set it up: {@code WINNOW_SPARK_CLASSPATH} (the classpath file) and
     * {@code WINNOW_JOB_JAR}, else {@code $WINNOW_HOME/curation-jobs/target}.
     */
    public static SparkRuntime fromEnvironment() {
        String home = System.getenv().getOrDefault("WINNOW_HOME", ".");
        Path target = Path.of(home, "curation-jobs", "target");
        String cp = System.getenv("WINNOW_SPARK_CLASSPATH");
        String jar = System.getenv("WINNOW_JOB_JAR");
        List<Path> jars = readClasspath(cp != null ? Path.of(cp) : target.resolve("spark-classpath.txt"));
        Path jobJar = jar != null ? Path.of(jar) : findJobJar(target).orElse(null);
        return new SparkRuntime(jars, jobJar);
    }

    static List<Path> readClasspath(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ClusterError("no Spark classpath at " + file + ": build Winnow first (mvn -B package -DskipTests, or any bin/winnow command)");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            List<Path> out = new ArrayList<>();
            for (String e : text.split(java.io.File.pathSeparator)) {
                if (!e.isBlank()) {
                    out.add(Path.of(e));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Optional<Path> findJobJar(Path targetDir) {
        if (!Files.isDirectory(targetDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(targetDir)) {
            return files.filter(p -> p.getFileName().toString().matches("winnow-jobs-.*\\.jar"))
                    .sorted().findFirst().map(Path::toAbsolutePath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + targetDir, e);
        }
    }

    public List<Path> sparkJars() {
        return sparkJars;
    }

    /** The Spark classpath as one string. */
    public String sparkClasspath() {
        return String.join(java.io.File.pathSeparator, sparkJars.stream().map(Path::toString).toList());
    }

    /** The shaded job jar: Winnow and the libraries it bundles, without Spark. */
    public Path jobJar() {
        if (jobJar == null || !Files.isRegularFile(jobJar)) {
            throw new ClusterError("no job jar (curation-jobs/target/winnow-jobs-*.jar): build Winnow first");
        }
        return jobJar;
    }

    /** The java of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The module flags joined for {@code spark.executor.extraJavaOptions}. */
    public static String flagsLine() {
        return String.join(" ", JAVA17_FLAGS);
    }

    @Override
    public String toString() {
        return "SparkRuntime" + Arrays.asList(sparkJars.size() + " jars", jobJar);
    }
}
