package dev.winnow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.winnow.jobs.cli.WinnowCli;
import dev.winnow.jobs.decontam.TaskSpec;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.stages.QualityStage;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole pipeline at 1×, 2×, 4× … of a corpus made from real text, on {@code local[1]} and
 * {@code local[2]} …: seconds per stage, MB/s per core, how each stage's cost grows with the data
 * against the data ratio, the speed-up from one core to more, and a projection of the cluster
 * core-hours for MT-NLG's 339B-token blend.
 *
 * <p>The corpus ({@link ScaleCorpus}: windows of real documents drawn by a seeded generator, with
 * a duplicate rate that does not change with the size) has two datasets: {@code curated} from the
 * data folder's {@code quality/hq_*} texts (a quarter of the bytes) and {@code web} from every other JSONL text outside {@code decontam/}.
 * It is written once for the largest factor in files of {@code fileMb} (64 by default); factor {@code f} reads the
 * first {@code f}-th share of them, so every size holds the smaller ones. The quality model is
 * trained in the run (curated against web), decontamination uses the data folder's task sets, and
 * the blend weighs curated 0.3 and web 0.7. Shuffle partitions grow with the data, so a task's
 * share stays the same at every size.
 */
public final class ScaleBench {
    /** MT-NLG's blend (paper, table 2). */
    static final double PAPER_TOKENS = 339e9;
    private static final int CURATED_SHARE_DIV = 4; // one file in four is curated
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * One run: its size, cores, per-stage manifests, input bytes and blend tokens; whether its JVM
     * was pinned to {@code cores} processors, the CPU seconds it used (0: not measured), and how
     * many equal runs shared the machine with it at once (1: none but itself).
     */
    public record Run(int factor, int cores, long inputBytes, long blendTokens, List<StageManifest> stages,
            boolean pinned, double cpuSeconds, int copies) {
        public Run(int factor, int cores, long inputBytes, long blendTokens, List<StageManifest> stages) {
            this(factor, cores, inputBytes, blendTokens, stages, false, 0);
        }

        public Run(int factor, int cores, long inputBytes, long blendTokens, List<StageManifest> stages,
                boolean pinned, double cpuSeconds) {
            this(factor, cores, inputBytes, blendTokens, stages, pinned, cpuSeconds, 1);
        }

        /**
         * Whether this run had the machine to itself; otherwise it was one of {@code copies} equal
         * runs at once, each on its own processor (scale.json files from before copies read 0).
         */
        boolean aloneOnMachine() {
            return copies <= 1;
        }

        double stageSeconds(String stage) {
            return stages.stream().filter(m -> m.stage().equals(stage)).mapToLong(StageManifest::elapsedMs)
                    .sum() / 1e3;
        }

        double totalSeconds() {
            return stages.stream().mapToLong(StageManifest::elapsedMs).sum() / 1e3;
        }

        /** The quality model's fit: on the driver, apart from the executors (0 if none ran). */
        double fitSeconds() {
            return fitSeconds(metrics -> 1L);
        }

        /** The fit's core-seconds: its seconds times its threads (1 where a manifest does not say). */
        double fitCoreSeconds() {
            return fitSeconds(metrics -> metrics.getOrDefault(QualityStage.FIT_THREADS_METRIC, 1L));
        }

        /** The fit's milliseconds per stage, each times {@code weight} of its metrics, summed, in seconds. */
        private double fitSeconds(java.util.function.ToLongFunction<Map<String, Long>> weight) {
            return stages.stream().mapToLong(m -> m.metrics().getOrDefault(QualityStage.FIT_MS_METRIC, 0L)
                    * weight.applyAsLong(m.metrics())).sum() / 1e3;
        }
    }

    private final PrintStream out;
    private final int fileMb;
    private final boolean pin;
    private final boolean alongside;

    public ScaleBench(PrintStream out, int fileMb) {
        this(out, fileMb, false);
    }

    public ScaleBench(PrintStream out, int fileMb, boolean pin) {
        this(out, fileMb, pin, false);
    }

    /**
     * @param pin run local[N] in a JVM that may use only processors 0..N−1 ({@code taskset}), so
     *     that one core means one core: unpinned, local[1]'s driver, GC and JIT threads use the
     *     other processors too
     * @param alongside after the runs of each size, run N copies of local[1] at once, each pinned
     *     to its own processor (N: the most cores asked for). Against local[1] alone, that is what
     *     the machine itself gives each core when all are busy (memory, shared caches, the host),
     *     with no Spark scheduling between them: the ceiling of local[N]'s speed-up
     */
    public ScaleBench(PrintStream out, int fileMb, boolean pin, boolean alongside) {
        this.out = out;
        this.fileMb = fileMb;
        this.pin = pin;
        this.alongside = alongside;
    }

    public List<Run> run(Path data, Path work, long baseMb, int[] factors, int[] cores, long seed)
            throws IOException {
        // The run's config file resolves relative paths against its own folder: give it absolute ones.
        data = data.toAbsolutePath().normalize();
        work = work.toAbsolutePath().normalize();
        int processors = Runtime.getRuntime().availableProcessors();
        int maxCores = java.util.Arrays.stream(cores).max().orElseThrow();
        if ((pin || alongside) && maxCores > processors) {
            throw new IllegalArgumentException("cannot pin local[N] to more than this machine's " + processors
                    + " processors: " + java.util.Arrays.toString(cores));
        }
        if (alongside && maxCores < 2) {
            throw new IllegalArgumentException("runs alongside each other need at least 2 cores in --cores, not "
                    + java.util.Arrays.toString(cores));
        }
        int maxFactor = java.util.Arrays.stream(factors).max().orElseThrow();
        int baseFiles = (int) Math.max(CURATED_SHARE_DIV, Math.ceil((double) baseMb / fileMb));
        baseFiles = (baseFiles + CURATED_SHARE_DIV - 1) / CURATED_SHARE_DIV * CURATED_SHARE_DIV;
        String identity = corpusIdentity(baseFiles * maxFactor, seed);
        List<Run> runs = earlierRuns(work, identity, factors, cores);
        Path corpus = writeCorpus(data, work.resolve("corpus"), identity, baseFiles * maxFactor, seed);
        List<TaskSpec> tasks = DecontamBench.sharedTasks(data);
        for (int f : factors) {
            Path inputs = linkInputs(corpus, work.resolve("inputs-" + f + "x"), baseFiles * f);
            long bytes = folderBytes(inputs);
            List<List<Launch>> batches = new ArrayList<>();
            for (int c : cores) {
                batches.add(List.of(new Launch(work.resolve("run-" + f + "x-" + c + "c"), c,
                        pin ? (c == 1 ? "0" : "0-" + (c - 1)) : null)));
            }
            if (alongside) {
                List<Launch> copies = new ArrayList<>();
                for (int i = 0; i < maxCores; i++) {
                    copies.add(new Launch(work.resolve("run-" + f + "x-1c-copy" + i), 1, Integer.toString(i)));
                }
                batches.add(copies);
            }
            for (List<Launch> batch : batches) {
                runs.addAll(runAtOnce(inputs, tasks, f, bytes, batch));
                runs.sort(Comparator.comparingInt(Run::factor).thenComparingInt(Run::copies).thenComparingInt(Run::cores));
                Files.writeString(work.resolve("scale.json"), JSON.writeValueAsString(runs));
                out.print(table(runs));
            }
        }
        String summary = summary(runs);
        Files.writeString(work.resolve("scale.md"), table(runs) + "\n" + summary);
        out.print(summary);
        return runs;
    }

    String corpusIdentity(int files, long seed) {
        return files + " files of " + fileMb + " MB, seed " + seed + ", windows and a fixed duplicate rate";
    }

    private static boolean corpusIs(Path dir, String identity) throws IOException {
        Path marker = dir.resolve("corpus.done");
        return Files.exists(marker) && Files.readString(marker).equals(identity);
    }

    /**
     * The runs of an earlier invocation on this same corpus (its {@code scale.json}) at sizes and
     * cores this one does not rerun, so that a bench can be completed in parts (4× on another
     * day) and still be summarised as one; none if the corpus is to be written anew.
     */
    List<Run> earlierRuns(Path work, String identity, int[] factors, int[] cores) throws IOException {
        Path json = work.resolve("scale.json");
        List<Run> kept = new ArrayList<>();
        if (!corpusIs(work.resolve("corpus"), identity) || !Files.exists(json)) {
            return kept;
        }
        for (Run r : JSON.readValue(json.toFile(), Run[].class)) {
            // Runs side by side are compared with local[1] alone at their size: kept only with it.
            boolean rerun = java.util.Arrays.stream(factors).anyMatch(f -> f == r.factor())
                    && (!r.aloneOnMachine() || java.util.Arrays.stream(cores).anyMatch(c -> c == r.cores()));
            if (!rerun && r.pinned() == pin) {
                kept.add(r);
            }
        }
        if (!kept.isEmpty()) {
            out.println("kept from " + json + ": " + kept.stream().map(r -> r.factor() + "x on local[" + r.cores() + "]")
                    .toList());
        }
        return kept;
    }

    /** Writes the corpus once (kept when its marker gives this identity: files, size and seed). */
    private Path writeCorpus(Path data, Path dir, String identity, int files, long seed) throws IOException {
        Path marker = dir.resolve("corpus.done");
        if (corpusIs(dir, identity)) {
            out.println("corpus: " + dir + " (" + identity + ", written before)");
            return dir;
        }
        int curated = files / CURATED_SHARE_DIV;
        long t0 = System.nanoTime();
        List<String> hq = BenchCorpus.realTexts(data.resolve("quality"),
                p -> p.getFileName().toString().startsWith("hq_"));
        List<String> web = BenchCorpus.realTexts(data, p -> !data.relativize(p).startsWith("decontam")
                && !p.getFileName().toString().startsWith("hq_"));
        long bytes = new ScaleCorpus(hq, seed).write(dir.resolve("curated"), curated, (long) fileMb << 20)
                + new ScaleCorpus(web, seed + 1).write(dir.resolve("web"), files - curated, (long) fileMb << 20);
        Files.writeString(marker, identity);
        out.printf(Locale.ROOT, "corpus: %s, %d files, %.0f MB from %d curated and %d web texts (%.0f s)%n", dir,
                files, bytes / 1e6, hq.size(), web.size(), (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    /** A folder per dataset of links to the first {@code files} of the corpus (in the curated : web ratio). */
    private static Path linkInputs(Path corpus, Path dir, int files) throws IOException {
        int curated = files / CURATED_SHARE_DIV;
        link(corpus.resolve("curated"), dir.resolve("curated"), curated);
        link(corpus.resolve("web"), dir.resolve("web"), files - curated);
        return dir;
    }

    private static void link(Path from, Path to, int files) throws IOException {
        Files.createDirectories(to);
        for (int i = 0; i < files; i++) {
            String name = String.format("part-%03d.jsonl", i);
            Path target = from.resolve(name);
            if (!Files.exists(target)) {
                throw new IOException("the corpus has no " + target);
            }
            if (!Files.exists(to.resolve(name))) {
                Files.createSymbolicLink(to.resolve(name), target.toAbsolutePath());
            }
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** One pipeline JVM: its folder, its local[N] and the processors it may use (null: any). */
    private record Launch(Path runDir, int cores, String processors) {
    }

    /**
     * Runs the pipeline in a fresh JVM per launch, all at once, and waits for every one; each
     * run's {@code copies} is how many there were.
     */
    private List<Run> runAtOnce(Path inputs, List<TaskSpec> tasks, int factor, long bytes, List<Launch> launches)
            throws IOException {
        List<Process> processes = new ArrayList<>();
        double[] cpuSeconds = new double[launches.size()];
        try {
            for (Launch l : launches) {
                processes.add(start(inputs, tasks, factor, bytes, l, launches.size()));
            }
            // Each child's CPU time (all its threads), read while it runs: gone once it has exited.
            for (boolean running = true; running; ) {
                running = false;
                for (int i = 0; i < processes.size(); i++) {
                    Process p = processes.get(i);
                    if (p.isAlive()) {
                        running = true;
                        cpuSeconds[i] = p.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1e3)
                                .orElse(cpuSeconds[i]);
                    }
                }
                if (running) {
                    Thread.sleep(500);
                }
            }
        } catch (InterruptedException e) {
            processes.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException | RuntimeException e) {
            processes.forEach(Process::destroyForcibly);
            throw e;
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < launches.size(); i++) {
            Path runDir = launches.get(i).runDir();
            out.print(Files.readString(runDir.resolve("run.log")));
            if (processes.get(i).exitValue() != 0) {
                throw new IOException("the run failed (exit " + processes.get(i).exitValue() + "); see "
                        + runDir.resolve("run.log"));
            }
            Launch l = launches.get(i);
            runs.add(collect(runDir, factor, l.cores(), bytes, l.processors() != null, cpuSeconds[i], launches.size()));
        }
        return runs;
    }

    private Process start(Path inputs, List<TaskSpec> tasks, int factor, long bytes, Launch launch, int copies)
            throws IOException {
        Path runDir = launch.runDir();
        IngestBench.deleteRecursively(runDir);
        Files.createDirectories(runDir);
        Path blendSpec = runDir.resolve("blend.conf");
        Files.writeString(blendSpec, "blend {\n name = scale\n target-tokens = " + (long) (bytes / 4.0)
                + "\n unweighted = drop\n datasets = [\n  { name = curated, weight = 0.3 }\n"
                + "  { name = web, weight = 0.7 }\n ]\n}\n");
        StringBuilder taskList = new StringBuilder();
        for (TaskSpec t : tasks) {
            taskList.append("  { name = ").append(t.name()).append(", path = \"").append(t.path()).append("\" }\n");
        }
        String hocon = "winnow {\n run-dir = \"" + runDir.resolve("run") + "\"\n"
                + " datasets = [\n"
                + "  { name = curated, format = jsonl, path = \"" + inputs.resolve("curated") + "/*.jsonl\", priority = 1 }\n"
                + "  { name = web, format = jsonl, path = \"" + inputs.resolve("web") + "/*.jsonl\", priority = 0 }\n ]\n"
                + " stages = [ingest, clean, language, quality, exact-dedup, fuzzy-dedup, decontaminate, blend]\n"
                + " quality { positive = [curated], negative = [web] }\n"
                + " decontaminate.tasks = [\n" + taskList + " ]\n"
                + " blend.spec = \"" + blendSpec + "\"\n"
                + " spark.conf { \"spark.ui.enabled\" = false, \"spark.sql.shuffle.partitions\" = " + 16 * factor + " }\n}\n";
        Path conf = runDir.resolve("winnow.conf");
        Files.writeString(conf, hocon);
        out.printf(Locale.ROOT, "%n== %dx (%.0f MB) on local[%d]%s ==%n", factor, bytes / 1e6, launch.cores(),
                copies > 1 ? ", one of " + copies + " at once, on processor " + launch.processors()
                        : launch.processors() != null ? ", pinned to " + launch.cores() + " processor(s)" : "");
        out.flush();
        // A fresh JVM per run, as a job starts: no JIT warmth, page cache aside, and no per-JVM
        // caches (quality models, task indices) left by the previous run.
        List<String> cmd = new ArrayList<>();
        if (launch.processors() != null) {
            cmd.addAll(List.of("taskset", "-c", launch.processors()));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WinnowCli.class.getName(), "run",
                "--config", conf.toString(), "--master", "local[" + launch.cores() + "]"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.appendTo(runDir.resolve("run.log").toFile())).start();
    }

    private static Run collect(Path runDir, int factor, int cores, long bytes, boolean pinned, double cpuSeconds,
            int copies) throws IOException {
        List<StageManifest> ms = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runDir.resolve("run").resolve("stages"), 2)) {
            for (Path f : files.filter(f -> f.getFileName().toString().equals(StageManifest.FILE_NAME)).toList()) {
                ms.add(StageManifest.fromJson(Files.readAllBytes(f)));
            }
        }
        ms.sort(Comparator.comparingInt(StageManifest::index));
        long tokens = ms.stream().filter(m -> m.stage().equals("blend"))
                .mapToLong(m -> m.metrics().getOrDefault("tokens", 0L)).sum();
        IngestBench.deleteRecursively(runDir.resolve("run")); // the outputs are 3–4× the input; the manifests are kept in scale.json
        return new Run(factor, cores, bytes, tokens, ms, pinned, cpuSeconds, copies);
    }

    static String table(List<Run> runs) {
        StringBuilder s = new StringBuilder("\n| size | cores | MB | stage | s | MB/s per core |\n|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            double mb = r.inputBytes() / 1e6;
            String cores = r.cores() + (r.aloneOnMachine() ? "" : " (" + r.copies() + " at once)");
            for (StageManifest m : r.stages()) {
                double sec = m.elapsedMs() / 1e3;
                s.append(String.format(Locale.ROOT, "| %dx | %s | %.0f | %s | %.1f | %.2f |%n", r.factor(), cores,
                        mb, m.stage(), sec, mb / sec / r.cores()));
            }
            s.append(String.format(Locale.ROOT, "| %dx | %s | %.0f | (quality fit) | %.1f | |%n", r.factor(),
                    cores, mb, r.fitSeconds()));
            s.append(String.format(Locale.ROOT, "| %dx | %s | %.0f | **all** | %.1f | %.2f |%n", r.factor(),
                    cores, mb, r.totalSeconds(), mb / r.totalSeconds() / r.cores()));
        }
        return s.toString();
    }

    /**
     * Per size with runs side by side: local[1] alone against the mean of N copies of it at once.
     * The share (alone ÷ at once) is what the machine gives each busy core; N × share is the most
     * local[N] could speed up, and the last column is how much of that ceiling local[N] reached.
     */
    static String machineCeiling(List<Run> runs) {
        StringBuilder s = new StringBuilder();
        Map<Integer, List<Run>> atOnceByFactor = new java.util.TreeMap<>();
        runs.stream().filter(r -> !r.aloneOnMachine())
                .forEach(r -> atOnceByFactor.computeIfAbsent(r.factor(), k -> new ArrayList<>()).add(r));
        for (var e : atOnceByFactor.entrySet()) {
            int factor = e.getKey();
            List<Run> atOnce = e.getValue();
            int n = atOnce.get(0).copies();
            java.util.Optional<Run> alone = aloneRun(runs, factor, 1);
            if (alone.isEmpty()) {
                s.append(String.format(Locale.ROOT, "%n%dx: %d runs at once, but no local[1] alone to compare them with%n",
                        factor, n));
                continue;
            }
            java.util.Optional<Run> spark = aloneRun(runs, factor, n);
            s.append(String.format(Locale.ROOT, "%n%dx: the machine's ceiling for %d cores: local[1] alone against %d of it "
                    + "at once, each on its own processor (share = alone / at once; ceiling = %d x share)%n",
                    factor, n, n, n, n));
            s.append(String.format(Locale.ROOT, "  %-14s %8s %10s %6s %8s %s%n", "stage", "alone s", "at once s",
                    "share", "ceiling", spark.isPresent() ? "local[" + n + "] speed-up, of the ceiling" : ""));
            List<String> stages = new ArrayList<>(alone.get().stages().stream().map(StageManifest::stage).toList());
            stages.add("all");
            for (String stage : stages) {
                java.util.function.ToDoubleFunction<Run> seconds = stage.equals("all") ? Run::totalSeconds
                        : r -> r.stageSeconds(stage);
                double one = seconds.applyAsDouble(alone.get());
                double shared = atOnce.stream().mapToDouble(seconds).average().orElseThrow();
                double ceiling = n * one / shared;
                s.append(String.format(Locale.ROOT, "  %-14s %8.1f %10.1f %6.2f %8.2f", stage, one, shared, one / shared,
                        ceiling));
                if (spark.isPresent()) {
                    double speedUp = one / seconds.applyAsDouble(spark.get());
                    s.append(String.format(Locale.ROOT, " %8.2f %6.2f", speedUp, speedUp / ceiling));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static java.util.Optional<Run> aloneRun(List<Run> runs, int factor, int cores) {
        return runs.stream().filter(r -> r.aloneOnMachine() && r.factor() == factor && r.cores() == cores).findFirst();
    }

    /** Growth against the data ratio, speed-up per core count, and the 339B-token projection. */
    static String summary(List<Run> allRuns) {
        StringBuilder s = new StringBuilder();
        List<Run> runs = allRuns.stream().filter(Run::aloneOnMachine).toList();
        Map<Integer, List<Run>> byCores = new LinkedHashMap<>();
        runs.forEach(r -> byCores.computeIfAbsent(r.cores(), k -> new ArrayList<>()).add(r));
        for (var e : byCores.entrySet()) {
            List<Run> rs = e.getValue().stream().sorted(Comparator.comparingInt(Run::factor)).toList();
            Run small = rs.get(0);
            for (Run big : rs.subList(1, rs.size())) {
                double dataRatio = (double) big.inputBytes() / small.inputBytes();
                s.append(String.format(Locale.ROOT, "%nlocal[%d], %dx -> %dx (data x%.2f): cost ratio / data ratio per stage:%n",
                        e.getKey(), small.factor(), big.factor(), dataRatio));
                for (StageManifest m : small.stages()) {
                    double g = big.stageSeconds(m.stage()) / small.stageSeconds(m.stage()) / dataRatio;
                    s.append(String.format(Locale.ROOT, "  %-14s %.2f%n", m.stage(), g));
                }
                s.append(String.format(Locale.ROOT, "  %-14s %.2f%n", "all",
                        big.totalSeconds() / small.totalSeconds() / dataRatio));
            }
        }
        Map<Integer, List<Run>> byFactor = new LinkedHashMap<>();
        runs.forEach(r -> byFactor.computeIfAbsent(r.factor(), k -> new ArrayList<>()).add(r));
        for (var e : byFactor.entrySet()) {
            List<Run> rs = e.getValue().stream().sorted(Comparator.comparingInt(Run::cores)).toList();
            Run one = rs.get(0);
            for (Run more : rs.subList(1, rs.size())) {
                s.append(String.format(Locale.ROOT, "%n%dx: speed-up local[%d] -> local[%d] per stage:%n", e.getKey(),
                        one.cores(), more.cores()));
                for (StageManifest m : one.stages()) {
                    s.append(String.format(Locale.ROOT, "  %-14s %.2f%n", m.stage(),
                            one.stageSeconds(m.stage()) / more.stageSeconds(m.stage())));
                }
                s.append(String.format(Locale.ROOT, "  %-14s %.2f%n", "all", one.totalSeconds() / more.totalSeconds()));
                s.append(String.format(Locale.ROOT, "  %-14s %.2f%n", "all but fit",
                        (one.totalSeconds() - one.fitSeconds()) / (more.totalSeconds() - more.fitSeconds())));
            }
        }
        s.append(machineCeiling(allRuns));
        if (allRuns.stream().anyMatch(r -> r.cpuSeconds() > 0)) {
            s.append(String.format(Locale.ROOT, "%nprocessors busy: the run JVM's CPU seconds (its start and exit "
                    + "included) over the stages' seconds:%n"));
        }
        for (Run r : allRuns) {
            if (r.cpuSeconds() > 0) {
                s.append(String.format(Locale.ROOT, "  %dx on local[%d]%s: %.0f s CPU / %.0f s -> %.2f%n", r.factor(),
                        r.cores(), !r.aloneOnMachine() ? " (one of " + r.copies() + " at once)"
                                : r.pinned() ? " (pinned)" : "", r.cpuSeconds(), r.totalSeconds(),
                        r.cpuSeconds() / r.totalSeconds()));
            }
        }
        Run ref = runs.stream().max(Comparator.comparingLong(Run::inputBytes).thenComparingInt(Run::cores)).orElseThrow();
        // The quality fit is capped (max-docs per class), so it does not grow with the corpus: it
        // is left out of the per-byte rate and added once.
        double coreSecondsPerByte = (ref.totalSeconds() - ref.fitSeconds()) * ref.cores() / ref.inputBytes();
        double bytesPerToken = (double) ref.inputBytes() / ref.blendTokens();
        double coreHours = PAPER_TOKENS * bytesPerToken * coreSecondsPerByte / 3600 + ref.fitCoreSeconds() / 3600;
        s.append(String.format(Locale.ROOT, "%nprojection from %dx on local[%d]: %.3g core-s per input MB (the quality fit, "
                        + "%.0f core-s, once), %.2f input bytes per blend token at this corpus's keep rate -> %,.0f "
                        + "core-hours for %.0fB blend tokens%n", ref.factor(), ref.cores(), coreSecondsPerByte * 1e6,
                ref.fitCoreSeconds(), bytesPerToken, coreHours, PAPER_TOKENS / 1e9));
        return s.toString();
    }
}
