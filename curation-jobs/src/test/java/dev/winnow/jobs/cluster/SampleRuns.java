package dev.winnow.jobs.cluster;

import dev.winnow.jobs.cli.WinnowCli;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bundled sample (conf/local.conf) run for the cluster tests: in this JVM on a local master,
 * or through {@code bin/winnow} (as a user runs it) on a cluster; and what a run must reproduce.
 */
final class SampleRuns {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Small executors: the machine is shared. */
    static final String EXECUTOR_MEMORY = "spark.conf.\"spark.executor.memory\"=1g";

    private static Digest reference;

    private SampleRuns() {
    }

    static Path conf() {
        return REPO.resolve("conf/local.conf");
    }

    /** A fresh run folder under target/it-runs/. */
    static Path newRunDir(String name) {
        try {
            Path root = Files.createDirectories(Path.of("target", "it-runs").toAbsolutePath());
            return Files.createTempDirectory(root, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code winnow run} in this JVM (local masters), with the sample config; returns the exit code. */
    static int runInProcess(Path runDir, String master, String... sets) {
        stopSparkInThisJvm();
        List<String> args = new ArrayList<>(List.of("run", "--config", conf().toString(), "--master", master,
                "--set", "run-dir=\"" + runDir + "\""));
        for (String s : sets) {
            args.addAll(List.of("--set", s));
        }
        return WinnowCli.execute(args.toArray(String[]::new));
    }

    /** {@code bin/winnow run --master URL} on the sample, output to {@code log}; the build is used as it is. */
    static Process startWinnow(Path runDir, String master, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(REPO.resolve("bin/winnow").toString(), "run",
                "--config", conf().toString(), "--master", master,
                "--set", "run-dir=\"" + runDir + "\"", "--set", EXECUTOR_MEMORY));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("WINNOW_SKIP_BUILD", "1");
        pb.environment().put("WINNOW_JAVA_OPTS", "-Xmx256m");
        pb.environment().put("WINNOW_DRIVER_OPTS", "-Xmx1g");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** Kills a bin/winnow process and what it started (its driver JVM); nothing if it has ended. */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Waits for {@code text} in the log; fails if the process ends first or the time passes. */
    static void awaitLog(Path log, String text, Process p, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!read(log).contains(text)) {
            if (!p.isAlive()) {
                throw new AssertionError("the run ended (code " + p.exitValue() + ") before '" + text + "':\n" + read(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in " + timeout + ":\n" + read(log));
            }
            Thread.sleep(100);
        }
    }

    static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SparkContext per JVM: the in-process runs and the digests each make their own. */
    static void stopSparkInThisJvm() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
    }

    /** The clean run everything is compared with: local[2] in this JVM, once per test JVM. */
    static synchronized Digest reference() {
        if (reference == null) {
            Path dir = newRunDir("reference-local2");
            assertEquals(0, runInProcess(dir, "local[2]"), "the reference run failed");
            reference = Digest.of(dir);
        }
        return reference;
    }

    /**
     * What must not depend on where or how a run ran: per stage folder the kept ids with a hash of
     * their text, per stage the rejected ids with their reasons (both sorted: part files may differ),
     * and the bytes of every blend file (shards and manifest).
     */
    record Digest(Map<String, List<String>> tables, Map<String, String> blendFiles, String manifestLessFingerprint) {
        static Digest of(Path run) {
            stopSparkInThisJvm();
            SparkSession spark = SparkSession.builder().master("local[1]").appName("winnow-digest")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                Map<String, List<String>> tables = new TreeMap<>();
                for (Path stage : list(run.resolve("stages"))) {
                    tables.put(run.relativize(stage).toString(), sorted(spark.read().parquet(stage.toString())
                            .select(col("id"), sha2(col("text"), 256)).collectAsList()));
                }
                for (Path stage : list(run.resolve("rejected"))) {
                    tables.put(run.relativize(stage).toString(), sorted(spark.read().parquet(stage.toString())
                            .select(col("id"), col("reason")).collectAsList()));
                }
                Map<String, String> blend = new TreeMap<>();
                try (Stream<Path> files = Files.walk(run.resolve("blend"))) {
                    for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .toList()) {
                        blend.put(run.resolve("blend").relativize(f).toString(), sha256(Files.readAllBytes(f)));
                    }
                }
                String manifest = Files.readString(run.resolve("blend/manifest.json"), StandardCharsets.UTF_8)
                        .replaceAll("\"configFingerprint\"\\s*:\\s*\"[0-9a-f]+\"", "\"configFingerprint\" : \"…\"");
                return new Digest(tables, blend, manifest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                spark.stop();
            }
        }

        /** Equal, table by table, with the first difference named; blend files byte for byte. */
        void assertSameAs(Digest expected, String what) {
            assertSameData(expected, what);
            assertEquals(expected.blendFiles(), blendFiles(), what + ": blend files (SHA-256)");
        }

        /**
         * The same, but the blend manifest's {@code configFingerprint} may differ: it records the
         * settings of every stage the blend came from, so a run with other Winnow settings (ingest
         * split size) has another one by design, while everything else stays byte for byte.
         */
        void assertSameDataOtherSettings(Digest expected, String what) {
            assertSameData(expected, what);
            Map<String, String> shards = new TreeMap<>(blendFiles());
            Map<String, String> expectedShards = new TreeMap<>(expected.blendFiles());
            shards.remove("manifest.json");
            expectedShards.remove("manifest.json");
            assertEquals(expectedShards, shards, what + ": blend shards (SHA-256)");
            assertEquals(expected.manifestLessFingerprint(), manifestLessFingerprint(), what + ": blend manifest");
        }

        private void assertSameData(Digest expected, String what) {
            assertEquals(expected.tables().keySet(), tables().keySet(), what + ": stage folders");
            for (String t : expected.tables().keySet()) {
                assertEquals(expected.tables().get(t), tables().get(t), what + ": " + t);
            }
        }

        private static List<Path> list(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(Files::isDirectory).sorted().toList();
            }
        }

        private static List<String> sorted(List<Row> rows) {
            return rows.stream().map(r -> r.get(0) + "\t" + r.get(1)).sorted().toList();
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
