package dev.winnow.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code winnow run --master spark://…}: the same command, submitted through
 * {@code org.apache.spark.deploy.SparkSubmit} (what the spark-submit script runs) in client deploy
 * mode, in a new JVM whose classpath is Spark alone and whose application jar is the job jar. That
 * JVM is the driver; this one waits for it and passes on its exit code.
 */
public final class ClusterSubmit {
    public static final String MAIN_CLASS = "dev.winnow.jobs.cli.WinnowCli";
    /**
     * Options of the driver JVM, {@code WINNOW_DRIVER_OPTS}: its heap, which the quality fit needs
     * (about 1.5 GB at the default settings, README "Memory").
     */
    public static final String DRIVER_OPTS_ENV = "WINNOW_DRIVER_OPTS";

    private ClusterSubmit() {
    }

    /**
     * A standalone master, outside SparkSubmit: submitted through it (local masters run in this JVM;
     * YARN and Kubernetes take the job jar through their own spark-submit, see the README).
     */
    public static boolean needsSubmit(String master) {
        return master != null && master.startsWith("spark://") && !underSparkSubmit();
    }

    /** True inside a JVM that SparkSubmit started (it sets {@code spark.submit.deployMode}). */
    public static boolean underSparkSubmit() {
        return System.getProperty("spark.submit.deployMode") != null;
    }

    /** The SparkSubmit command line for {@code winnowArgs} (e.g. {@code run --config …}). */
    public static List<String> command(SparkRuntime runtime, String master, List<String> winnowArgs,
                                       Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(SparkRuntime.java());
        cmd.addAll(List.of(env.getOrDefault(DRIVER_OPTS_ENV, "-Xmx2g").trim().split("\\s+")));
        cmd.addAll(SparkRuntime.JAVA17_FLAGS);
        String log4j = System.getProperty("log4j2.configurationFile");
        String executorOptions = SparkRuntime.flagsLine();
        if (log4j != null) {
            cmd.add("-Dlog4j2.configurationFile=" + log4j);
        }
        cmd.add("-cp");
        cmd.add(runtime.sparkClasspath());
        cmd.add("org.apache.spark.deploy.SparkSubmit");
        cmd.addAll(List.of("--master", master, "--deploy-mode", "client", "--class", MAIN_CLASS));
        cmd.addAll(List.of("--conf", "spark.executor.extraJavaOptions=" + executorOptions));
        cmd.add(runtime.jobJar().toString());
        cmd.addAll(winnowArgs);
        return cmd;
    }

    /**
     * Runs the driver JVM with this JVM's standard streams and returns its exit code. If this JVM
     * is asked to stop (Ctrl-C, kill), the driver is stopped too.
     */
    public static int run(SparkRuntime runtime, String master, List<String> winnowArgs) {
        List<String> cmd = command(runtime, master, winnowArgs, System.getenv());
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().putIfAbsent("SPARK_LOCAL_IP", LocalCluster.HOST);
        try {
            Process driver = pb.start();
            Thread stopDriver = new Thread(driver::destroy, "stop-driver");
            Runtime.getRuntime().addShutdownHook(stopDriver);
            int code = driver.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopDriver);
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SparkSubmit: " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterError("interrupted while the driver ran");
        }
    }
}
