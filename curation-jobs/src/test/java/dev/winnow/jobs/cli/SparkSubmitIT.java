package dev.winnow.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built job jar through {@code org.apache.spark.deploy.SparkSubmit} (what the spark-submit
 * script runs), {@code --master local[2]}, in a fresh JVM whose classpath holds Spark but none of
 * Winnow's classes: everything Winnow needs must come from the jar.
 */
class SparkSubmitIT {
    @TempDir
    Path dir;

    private static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("winnow-jobs-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("original"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no job jar in target/: run mvn package"))
                    .toAbsolutePath();
        }
    }

    /** The test JVM's classpath less Winnow's own classes and the libraries the job jar bundles. */
    private static String sparkClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("curation-jobs" + File.separator + "target"))
                .filter(e -> !e.contains("jwarc") && !e.contains("jsoup") && !e.contains("picocli")
                        && !e.contains(File.separator + "com" + File.separator + "typesafe" + File.separator)
                        && !e.contains("lucene"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String submit(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(ManagementFlags.sparkJvmFlags());
        cmd.add("-cp");
        cmd.add(sparkClasspath());
        cmd.add("org.apache.spark.deploy.SparkSubmit");
        cmd.addAll(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class", mainClass,
                jobJar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("submit.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish in 5 minutes");
        String log = Files.readString(dir.resolve("submit.log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        return log;
    }

    @Test
    void stagesRunFromTheJarUnderSparkSubmit() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            jsonl.append("{\"id\":\"").append(i).append("\",\"text\":\"Line ").append(i)
                    .append(" is a sentence that is long enough to pass the bounds.\"}\n");
        }
        jsonl.append("{not json}\n");
        Files.writeString(dir.resolve("in/docs.jsonl"), jsonl);
        Path conf = dir.resolve("submit.conf");
        Files.writeString(conf, "winnow { run-dir = run\n"
                + " datasets = [{ name = docs, format = jsonl, path = in }]\n"
                + " clean.min-chars = 10 }\n");

        String ingestLog = submit("dev.winnow.jobs.stages.IngestStage", "--config", conf.toString());
        assertTrue(ingestLog.contains("ingest: in 26  kept 25  rejected 1"), ingestLog);
        String cleanLog = submit("dev.winnow.jobs.cli.WinnowCli", "run", "--config", conf.toString());
        assertTrue(cleanLog.contains("ingest: up to date"), cleanLog);
        assertTrue(cleanLog.contains("clean: in 25  kept 25  rejected 0"), cleanLog);
        assertTrue(cleanLog.contains("local[2]"), "the master came from spark-submit: " + cleanLog);

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("run/stages/02-clean/_STAGE.json").toFile());
        assertEquals(25, manifest.get("kept").asLong());
        assertEquals("local[2]", manifest.get("master").asText());
    }
}
