package dev.winnow.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 — one Master and N Workers, each its own JVM — started
 * from Maven's Spark jars in a folder that holds everything about it:
 * <pre>
 *   spark-home/jars/     links to the Spark classpath (what a Spark distribution's jars/ holds)
 *   spark-home/conf/     empty: Spark's default logging (INFO, to the logs below)
 *   master.log, worker-N.log, master.pid, worker-N.pid
 *   cluster.properties   master URL, web UI, workers: written once every worker has registered
 *   work/worker-N/       the Workers' work folders (executor logs: app-…/N/stderr)
 * </pre>
 * Every JVM it starts carries {@code -Dwinnow.cluster.dir=<folder>}, so a PID file is trusted
 * only while its process still says it belongs to this folder (a PID can be reused).
 */
public final class LocalCluster {
    public static final String HOST = "127.0.0.1";
    static final String STATE_FILE = "cluster.properties";
    static final String MARKER = "-Dwinnow.cluster.dir=";
    /** The executor JVM's main class, as it appears on its command line. */
    public static final String EXECUTOR_MAIN = "CoarseGrainedExecutorBackend";

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Pattern MASTER_WEB_UI = Pattern.compile("Bound MasterWebUI to \\S+, and started at https?://[^\\s:]+:(\\d+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /**
     * How to start a cluster. Ports may be 0 (any free port; the one taken is read from the
     * Master's log). {@code workerWebUiPort} is the first Worker's; the others count up from it.
     */
    public record Options(int workers, int cores, String memory, int port, int webUiPort, int workerWebUiPort,
                          Duration timeout) {
        public Options {
            if (workers < 1) {
                throw new ClusterError("--workers must be at least 1, not " + workers);
            }
            if (cores < 1) {
                throw new ClusterError("--cores must be at least 1, not " + cores);
            }
            if (!memory.matches("\\d+[mMgG]")) {
                throw new ClusterError("--memory takes a size such as 2g or 512m, not '" + memory + "'");
            }
        }

        public static Options defaults() {
            return new Options(2, Math.max(1, Runtime.getRuntime().availableProcessors() / 2), "2g", 7077, 8080, 0,
                    Duration.ofSeconds(90));
        }
    }

    /** A Worker as the Master sees it. */
    public record WorkerInfo(String id, String state, int cores, int coresUsed, long memoryMb) {
    }

    /** An application the Master runs. */
    public record AppInfo(String id, String name, String state, int cores) {
    }

    /** What the Master's JSON page says. */
    public record Status(String masterUrl, String webUi, String masterState, List<WorkerInfo> workers,
                         List<AppInfo> apps) {
        public long aliveWorkers() {
            return workers.stream().filter(w -> "ALIVE".equals(w.state())).count();
        }
    }

    private final Path dir;
    private final SparkRuntime runtime;
    private final ObjectMapper json = new ObjectMapper();

    public LocalCluster(Path dir, SparkRuntime runtime) {
        this.dir = dir.toAbsolutePath().normalize();
        this.runtime = runtime;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Starts the Master, then the Workers, and returns once every Worker has registered with the
     * Master. On any failure (a JVM exits, the timeout passes) it stops what it started and throws
     * a {@link ClusterError} that quotes the log that says why.
     */
    public Status start(Options options) {
        Optional<Long> running = livePid("master");
        if (running.isPresent()) {
            throw new ClusterError("a cluster is already running in " + dir + " (master pid " + running.get()
                    + readState().map(s -> ", " + s.getProperty("master.url")).orElse("")
                    + "); stop it first: winnow cluster stop --dir " + dir);
        }
        stopProcesses(); // what a crashed start or a dead master left
        long deadline = System.nanoTime() + options.timeout().toNanos();
        try {
            Files.createDirectories(dir);
            Path sparkHome = prepareSparkHome();
            Process master = launch("master", "-Xmx512m", List.of("org.apache.spark.deploy.master.Master",
                    "--host", HOST, "--port", Integer.toString(options.port()),
                    "--webui-port", Integer.toString(options.webUiPort())), sparkHome);
            String url = awaitLog(master, "master", MASTER_URL, deadline);
            String webUi = "http://" + HOST + ":" + awaitLog(master, "master", MASTER_WEB_UI, deadline);
            List<Process> workers = new ArrayList<>();
            for (int i = 1; i <= options.workers(); i++) {
                Path work = dir.resolve("work/worker-" + i);
                Files.createDirectories(work);
                int ui = options.workerWebUiPort() == 0 ? 0 : options.workerWebUiPort() + i - 1;
                workers.add(launch("worker-" + i, "-Xmx256m", List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", HOST, "--cores", Integer.toString(options.cores()), "--memory", options.memory(),
                        "--webui-port", Integer.toString(ui), "--work-dir", work.toString(), url), sparkHome));
            }
            Status status = awaitWorkers(url, webUi, options.workers(), master, workers, deadline);
            Properties state = new Properties();
            state.setProperty("master.url", url);
            state.setProperty("master.webui", webUi);
            state.setProperty("workers", Integer.toString(options.workers()));
            try (var out = Files.newBufferedWriter(dir.resolve(STATE_FILE), StandardCharsets.UTF_8)) {
                state.store(out, "winnow cluster start");
            }
            return status;
        } catch (IOException e) {
            stopProcesses();
            throw new UncheckedIOException("cannot start a cluster in " + dir, e);
        } catch (RuntimeException e) {
            stopProcesses();
            throw e;
        }
    }

    /** The running cluster's status, or empty when no Master of this folder is alive. */
    public Optional<Status> status() {
        if (livePid("master").isEmpty()) {
            return Optional.empty();
        }
        Properties state = readState().orElseThrow(() -> new ClusterError(
                "a master is running in " + dir + " but the cluster has not finished starting (see master.log)"));
        try {
            return Optional.of(fetchStatus(state.getProperty("master.webui")));
        } catch (IOException e) {
            throw new ClusterError("the master in " + dir + " is running but its web UI "
                    + state.getProperty("master.webui") + " does not answer: " + e.getMessage());
        }
    }

    /** The master URL of the running cluster. */
    public Optional<String> masterUrl() {
        return livePid("master").flatMap(p -> readState()).map(s -> s.getProperty("master.url"));
    }

    /**
     * Stops every JVM of this cluster (Workers, their executors, the Master): a polite signal, then
     * a kill after a grace period. Removes the PID files and the state; keeps the logs.
     * Returns whether anything was running.
     */
    public boolean stop() {
        boolean any = stopProcesses();
        try {
            Files.deleteIfExists(dir.resolve(STATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(STATE_FILE), e);
        }
        return any;
    }

    /** The executor JVMs the Workers of this cluster run now (children of this cluster's Workers). */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (String role : roles()) {
            if (role.startsWith("worker-")) {
                livePid(role).flatMap(ProcessHandle::of).ifPresent(w -> w.descendants()
                        .filter(p -> commandLine(p).contains(EXECUTOR_MAIN)).forEach(out::add));
            }
        }
        return out;
    }

    /** The PIDs of this cluster's Master and Workers that are alive. */
    public List<Long> daemonPids() {
        return roles().stream().map(this::livePid).flatMap(Optional::stream).toList();
    }

    private boolean stopProcesses() {
        List<ProcessHandle> daemons = new ArrayList<>();
        List<String> roles = roles();
        // Workers first (a Worker kills its executors as it stops), the Master last.
        roles.sort((a, b) -> Boolean.compare(a.equals("master"), b.equals("master")));
        for (String role : roles) {
            livePid(role).flatMap(ProcessHandle::of).ifPresent(daemons::add);
        }
        List<ProcessHandle> executors = executors();
        for (ProcessHandle p : daemons) {
            p.destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle p : concat(daemons, executors)) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(1, left), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : concat(daemons, executors)) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (String role : roles) {
            try {
                Files.deleteIfExists(pidFile(role));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + pidFile(role), e);
            }
        }
        return !daemons.isEmpty();
    }

    private static List<ProcessHandle> concat(List<ProcessHandle> a, List<ProcessHandle> b) {
        List<ProcessHandle> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The roles that have a PID file: master, worker-1, … */
    private List<String> roles() {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted()
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private Path pidFile(String role) {
        return dir.resolve(role + ".pid");
    }

    /** The PID in the role's PID file, if that process is alive and belongs to this cluster. */
    private Optional<Long> livePid(String role) {
        Path file = pidFile(role);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::ours).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean ours(ProcessHandle p) {
        return List.of(commandLine(p).split(" ")).contains(MARKER + dir);
    }

    /**
     * The process's whole command line. On Linux it is read from {@code /proc/<pid>/cmdline}:
     * {@code ProcessHandle.Info} cuts long ones short (a SparkSubmit JVM's classpath alone is
     * 20 KB), which hides the main class after it.
     */
    public static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ').trim();
            }
        } catch (IOException e) {
            // gone, or not ours to read: fall back
        }
        return p.info().commandLine().orElse("");
    }

    private Optional<Properties> readState() {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code spark-home/jars/} linking every jar of the Spark classpath; {@code conf/} empty. */
    private Path prepareSparkHome() throws IOException {
        Path home = dir.resolve("spark-home");
        Path jars = home.resolve("jars");
        if (Files.isDirectory(jars)) {
            try (Stream<Path> old = Files.list(jars)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(jars);
        Files.createDirectories(home.resolve("conf"));
        for (Path jar : runtime.sparkJars()) {
            Path link = jars.resolve(jar.getFileName().toString());
            if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                link = jars.resolve(Integer.toHexString(jar.toString().hashCode()) + "-" + jar.getFileName());
            }
            Files.createSymbolicLink(link, jar.toAbsolutePath());
        }
        return home;
    }

    private Process launch(String role, String heap, List<String> mainAndArgs, Path sparkHome) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(SparkRuntime.java());
        cmd.add(heap);
        cmd.addAll(SparkRuntime.JAVA17_FLAGS);
        cmd.add(MARKER + dir);
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + File.separator + "*");
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(dir.resolve(role + ".log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        // Without it a Worker cannot build an executor's classpath ("Cannot find any build directories").
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", HOST);
        pb.environment().remove("SPARK_CONF_DIR");
        Process p = pb.start();
        Files.writeString(pidFile(role), Long.toString(p.pid()), StandardCharsets.UTF_8);
        return p;
    }

    /** Waits for the pattern in the role's log and returns its first group. */
    private String awaitLog(Process p, String role, Pattern pattern, long deadline) throws IOException {
        Path log = dir.resolve(role + ".log");
        while (true) {
            Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "");
            if (m.find()) {
                return m.group(1);
            }
            if (!p.isAlive()) {
                throw new ClusterError("the " + role + " exited (code " + p.exitValue() + ") before it was ready; "
                        + role + ".log ends:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterError("the " + role + " was not ready in time; " + log + " ends:\n" + tail(log));
            }
            sleep(100);
        }
    }

    private Status awaitWorkers(String url, String webUi, int n, Process master, List<Process> workers, long deadline)
            throws IOException {
        String last = "no answer from " + webUi + "/json";
        while (true) {
            try {
                Status s = fetchStatus(webUi);
                if (s.aliveWorkers() >= n) {
                    return s;
                }
                last = s.aliveWorkers() + " of " + n + " workers registered";
            } catch (IOException e) {
                last = "no answer from " + webUi + "/json: " + e.getMessage();
            }
            if (!master.isAlive()) {
                throw new ClusterError("the master exited; master.log ends:\n" + tail(dir.resolve("master.log")));
            }
            for (int i = 0; i < workers.size(); i++) {
                if (!workers.get(i).isAlive()) {
                    Path log = dir.resolve("worker-" + (i + 1) + ".log");
                    throw new ClusterError("worker-" + (i + 1) + " exited (code " + workers.get(i).exitValue()
                            + ") before it registered with " + url + "; " + log + " ends:\n" + tail(log));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterError("the cluster in " + dir + " did not start in time: " + last
                        + " (logs: " + dir + "/master.log, worker-N.log)");
            }
            sleep(250);
        }
    }

    Status fetchStatus(String webUi) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(webUi + "/json").toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        JsonNode root;
        try (InputStream in = c.getInputStream()) {
            root = json.readTree(in);
        } finally {
            c.disconnect();
        }
        List<WorkerInfo> workers = new ArrayList<>();
        for (JsonNode w : root.path("workers")) {
            workers.add(new WorkerInfo(w.path("id").asText(), w.path("state").asText(), w.path("cores").asInt(),
                    w.path("coresused").asInt(), w.path("memory").asLong()));
        }
        List<AppInfo> apps = new ArrayList<>();
        for (JsonNode a : root.path("activeapps")) {
            apps.add(new AppInfo(a.path("id").asText(), a.path("name").asText(), a.path("state").asText(),
                    a.path("cores").asInt()));
        }
        return new Status(root.path("url").asText(), webUi, root.path("status").asText(), workers, apps);
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterError("interrupted while waiting for the cluster");
        }
    }
}
