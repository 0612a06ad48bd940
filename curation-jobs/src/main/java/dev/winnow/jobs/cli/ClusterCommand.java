package dev.winnow.jobs.cli;

import dev.winnow.jobs.cluster.ClusterError;
import dev.winnow.jobs.cluster.LocalCluster;
import dev.winnow.jobs.cluster.SparkRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code winnow cluster start|stop|status}: a Spark standalone cluster on this machine (127.0.0.1). */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "A Spark standalone cluster (one Master, N Workers) on 127.0.0.1, from Winnow's Spark jars.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code --dir}: default runs/cluster of this Winnow (WINNOW_HOME), else of the current folder. */
    static final class DirOption {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "Cluster folder: logs, PID files, SPARK_HOME. Default: runs/cluster.")
        Path dir;

        LocalCluster cluster() {
            Path d = dir != null ? dir : Path.of(System.getenv().getOrDefault("WINNOW_HOME", "."), "runs", "cluster");
            return new LocalCluster(d, SparkRuntime.fromEnvironment());
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a Master and N Workers; returns once every Worker has registered.")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DirOption dir;

        @Option(names = "--workers", paramLabel = "N", description = "Workers (JVMs). Default: ${DEFAULT-VALUE}.")
        int workers = LocalCluster.Options.defaults().workers();

        @Option(names = "--cores", paramLabel = "N", description = "Cores each Worker offers. Default: half this machine's, at least 1 (${DEFAULT-VALUE}).")
        int cores = LocalCluster.Options.defaults().cores();

        @Option(names = "--memory", paramLabel = "SIZE", description = "Memory each Worker offers its executors. Default: ${DEFAULT-VALUE}.")
        String memory = LocalCluster.Options.defaults().memory();

        @Option(names = "--port", paramLabel = "PORT", description = "Master port (0: any free one). Default: ${DEFAULT-VALUE}.")
        int port = LocalCluster.Options.defaults().port();

        @Option(names = "--webui-port", paramLabel = "PORT", description = "Master web UI port (0: any free one). Default: ${DEFAULT-VALUE}.")
        int webUiPort = LocalCluster.Options.defaults().webUiPort();

        @Option(names = "--worker-webui-port", paramLabel = "PORT",
                description = "First Worker's web UI port, the others count up (0: any free ones). Default: ${DEFAULT-VALUE}.")
        int workerWebUiPort = LocalCluster.Options.defaults().workerWebUiPort();

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up when the Workers have not registered by then. Default: ${DEFAULT-VALUE}.")
        int timeout = (int) LocalCluster.Options.defaults().timeout().toSeconds();

        @Override
        public Integer call() {
            LocalCluster cluster = dir.cluster();
            try {
                LocalCluster.Status s = cluster.start(new LocalCluster.Options(workers, cores, memory, port, webUiPort,
                        workerWebUiPort, Duration.ofSeconds(timeout)));
                System.out.println("winnow: cluster started in " + cluster.dir());
                print(s);
                System.out.println("run on it: bin/winnow run --master " + s.masterUrl());
                return 0;
            } catch (ClusterError e) {
                System.err.println("winnow: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the cluster's JVMs (executors included).")
    static final class Stop implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DirOption dir;

        @Override
        public Integer call() {
            LocalCluster cluster = dir.cluster();
            System.out.println(cluster.stop() ? "winnow: cluster in " + cluster.dir() + " stopped"
                    : "winnow: no cluster running in " + cluster.dir());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Master URL, alive workers, running applications. Exit code 3 when not running.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DirOption dir;

        @Override
        public Integer call() {
            LocalCluster cluster = dir.cluster();
            try {
                Optional<LocalCluster.Status> s = cluster.status();
                if (s.isEmpty()) {
                    System.out.println("winnow: no cluster running in " + cluster.dir());
                    return 3;
                }
                print(s.get());
                return 0;
            } catch (ClusterError e) {
                System.err.println("winnow: " + e.getMessage());
                return 1;
            }
        }
    }

    static void print(LocalCluster.Status s) {
        System.out.println("master  " + s.masterUrl() + "  (" + s.masterState() + ", web UI " + s.webUi() + ")");
        System.out.println("workers " + s.aliveWorkers() + " alive of " + s.workers().size());
        for (LocalCluster.WorkerInfo w : s.workers()) {
            System.out.printf("  %-45s %-6s cores %d (%d used), memory %d MB%n", w.id(), w.state(), w.cores(),
                    w.coresUsed(), w.memoryMb());
        }
        System.out.println("apps    " + s.apps().size() + " running");
        for (LocalCluster.AppInfo a : s.apps()) {
            System.out.printf("  %-28s %-8s cores %d  %s%n", a.id(), a.state(), a.cores(), a.name());
        }
    }
}
