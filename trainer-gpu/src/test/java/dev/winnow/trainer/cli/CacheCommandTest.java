package dev.winnow.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.data.BlendFolder;
import dev.winnow.trainer.data.BlendedSamples;
import dev.winnow.trainer.data.CacheFolder;
import dev.winnow.trainer.data.IndexSpec;
import dev.winnow.trainer.data.ShardVerification;
import dev.winnow.trainer.data.TestBlend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code winnow-train cache}: the entries of a rebuilt blend's old manifest are listed, then pruned. */
class CacheCommandTest {
  @TempDir
  Path tmp;

  /** Writes the blend (documents drawn with {@code seed}) and builds its token store and one index. */
  private void blendAndItsCache(long seed) throws IOException {
    Path blend = tmp.resolve("blend");
    CacheFolder.delete(blend);
    TestBlend.write(blend, 4000, new TestBlend.Spec("a", 1.0, TestBlend.randomDocuments(seed, 30, 40), 1));
    BlendedSamples.open(BlendFolder.open(blend, ShardVerification.LAZY), tmp.resolve("loader-cache"),
        new IndexSpec(8, 1234, 50));
  }

  private Path unfinished(String name, Duration age) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("loader-cache").resolve(".tmp-" + name));
    Path part = Files.writeString(dir.resolve("part"), "x".repeat(100));
    FileTime then = FileTime.from(Instant.now().minus(age));
    Files.setLastModifiedTime(part, then);
    Files.setLastModifiedTime(dir, then);
    return dir;
  }

  private String cache(String... extra) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      String[] args = Stream.concat(Stream.of("cache", "--blend", tmp.resolve("blend").toString()),
          Stream.of(extra)).toArray(String[]::new);
      assertEquals(0, WinnowTrainCli.commandLine().execute(args));
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> s = Files.list(tmp.resolve("loader-cache"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theOldManifestsEntriesAndAStaleUnfinishedBuildArePruned() throws IOException {
    blendAndItsCache(1);
    List<String> first = entries();
    blendAndItsCache(2); // the pipeline rebuilt the blend: a new token store and index beside the old
    Path crashed = unfinished("index-crashed", Duration.ofDays(3));
    Path building = unfinished("tokens-building", Duration.ofMinutes(5));
    assertEquals(6, entries().size(), entries().toString());

    String listed = cache();
    for (String old : first) {
      assertTrue(listed.matches("(?s).*\n  " + old + " .*another manifest's \\([0-9a-f]{16}…\\)\n.*"), listed);
    }
    assertTrue(listed.contains("token store; this blend's"), listed);
    assertTrue(listed.contains("index: seq-len 8, seed 1234, 50 samples, all documents; this blend's"), listed);
    assertTrue(listed.contains("last written 72 h ago\n"), listed);
    assertTrue(listed.contains("last written 0 h ago, kept (may be in progress)"), listed);
    assertTrue(listed.contains("winnow-train cache: 3 entries of other manifests or unfinished ("), listed);
    assertEquals(6, entries().size(), "listing deletes nothing");

    String pruned = cache("--prune");
    assertTrue(pruned.endsWith(" deleted.\n"), pruned);
    for (String old : first) {
      assertFalse(entries().contains(old), old);
    }
    assertFalse(Files.exists(crashed));
    assertTrue(Files.exists(building), "a build that may be in progress stays");
    assertEquals(3, entries().size(), entries().toString());
    assertTrue(cache().contains("winnow-train cache: every entry is this blend's"), "the young build is not counted");
  }
}
