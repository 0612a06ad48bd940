package dev.winnow.jobs.testing;

import dev.winnow.jobs.cluster.LocalCluster;
import dev.winnow.jobs.cluster.SparkRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster for one test, started by the code {@code winnow cluster start} runs
 * ({@link LocalCluster}) in a fresh folder under {@code target/it-clusters/}, on free ports. It is
 * always stopped: by {@link #close()}, or by a shutdown hook when the test JVM ends first.
 */
public final class StandaloneCluster implements AutoCloseable {
    private final LocalCluster cluster;
    private final LocalCluster.Status status;
    private final Thread hook;

    private StandaloneCluster(LocalCluster cluster, LocalCluster.Status status, Thread hook) {
        this.cluster = cluster;
        this.status = status;
        this.hook = hook;
    }

    /** {@code workers} Workers of one core and {@code memory} each; returns once all have registered. */
    public static StandaloneCluster start(String name, int workers, String memory) {
        try {
            Path root = Files.createDirectories(Path.of("target", "it-clusters"));
            Path dir = Files.createTempDirectory(root.toAbsolutePath(), name + "-");
            LocalCluster cluster = new LocalCluster(dir, SparkRuntime.fromBuild(Path.of("target")));
            Thread hook = new Thread(cluster::stop, "stop-cluster-" + name);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                // Ports 0: the Master, its web UI and the Workers' take any free port.
                LocalCluster.Status status = cluster.start(new LocalCluster.Options(workers, 1, memory, 0, 0, 0,
                        Duration.ofMinutes(3)));
                return new StandaloneCluster(cluster, status, hook);
            } catch (RuntimeException e) {
                cluster.stop();
                Runtime.getRuntime().removeShutdownHook(hook);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String masterUrl() {
        return status.masterUrl();
    }

    public Path dir() {
        return cluster.dir();
    }

    /** What the Master says now. */
    public LocalCluster.Status status() {
        return cluster.status().orElseThrow(() -> new IllegalStateException("the cluster in " + dir() + " is not running"));
    }

    /**
     * The executor JVMs of this cluster: every process whose command line names
     * {@code CoarseGrainedExecutorBackend} and whose working folder is under this cluster's work
     * folder (a Worker runs each executor in {@code work/worker-N/<app>/<executor>/}), so no other
     * process on the machine is ever picked.
     */
    public List<ProcessHandle> executors() {
        Path work = dir().resolve("work");
        return ProcessHandle.allProcesses()
                .filter(p -> LocalCluster.commandLine(p).contains(LocalCluster.EXECUTOR_MAIN))
                .filter(p -> workingFolder(p).map(cwd -> cwd.startsWith(work)).orElse(false))
                .toList();
    }

    private static java.util.Optional<Path> workingFolder(ProcessHandle p) {
        try {
            return java.util.Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }

    /** The executor JVM running in {@code folder} (one of {@link #executorFolders()}), if it is alive. */
    public java.util.Optional<ProcessHandle> executorIn(Path folder) {
        return executors().stream()
                .filter(p -> workingFolder(p).map(folder::equals).orElse(false))
                .findFirst();
    }

    /** Executor folders the Workers made ({@code work/worker-N/app-…/<executor id>}): one per executor launched. */
    public List<Path> executorFolders() {
        try (Stream<Path> files = Files.walk(dir().resolve("work"), 3)) {
            return files.filter(p -> dir().resolve("work").relativize(p).getNameCount() == 3)
                    .filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every JVM of the cluster and drops the copies of the job jar the executors fetched; keeps the logs. */
    @Override
    public void close() {
        try {
            cluster.stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
        try (Stream<Path> files = Files.walk(dir().resolve("work"))) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.deleteIfExists(jar);
            }
        } catch (IOException e) {
            // only disk space
        }
    }
}
