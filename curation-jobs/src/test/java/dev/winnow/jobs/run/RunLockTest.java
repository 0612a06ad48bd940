package dev.winnow.jobs.run;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {
    @TempDir
    Path dir;

    private RunLayout layout() {
        return new RunLayout(dir.resolve("run").toString(), new Configuration());
    }

    private Path lockFile() {
        return dir.resolve("run").resolve(RunLock.FILE_NAME);
    }

    /** A lock file another run left: its holder, and a modification time {@code age} ago. */
    private void foreignLock(String application, String host, long pid, Duration age) throws IOException {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(lockFile(), "{\"application\":\"" + application + "\",\"host\":\"" + host + "\",\"pid\":" + pid
                + ",\"started\":\"2026-11-27T00:00:00Z\"}");
        Files.setLastModifiedTime(lockFile(), FileTime.from(Instant.now().minus(age)));
    }

    private static String thisHost() throws IOException {
        return InetAddress.getLocalHost().getHostName();
    }

    @Test
    void oneRunAtATimeAndTheSecondIsToldWhoHoldsTheFolder() {
        RunLayout layout = layout();
        try (RunLock first = RunLock.acquire(layout, "app-1")) {
            assertTrue(Files.exists(lockFile()));
            assertEquals("app-1", RunLock.holder(layout).orElseThrow().application());
            String m = assertThrows(RunFolderInUseError.class, () -> RunLock.acquire(layout, "app-2")).getMessage();
            assertTrue(m.contains("is in use by application app-1") && m.contains("pid " + ProcessHandle.current().pid())
                    && m.contains(lockFile().toString()), m);
        }
        assertFalse(Files.exists(lockFile()), "released");
        try (RunLock second = RunLock.acquire(layout, "app-2")) {
            assertEquals("app-2", RunLock.holder(layout).orElseThrow().application());
        }
    }

    @Test
    void aLockIsTakenOverOnlyWhenItsHolderIsCertainlyGone() throws IOException, InterruptedException {
        RunLayout layout = layout();
        // Another host, heartbeat a minute ago: it may be running.
        foreignLock("app-x", "elsewhere", 1, Duration.ofMinutes(1));
        assertThrows(RunFolderInUseError.class, () -> RunLock.acquire(layout, "app-2"));
        // The same application: YARN's next attempt after the driver died.
        try (RunLock again = RunLock.acquire(layout, "app-x")) {
            assertEquals(ProcessHandle.current().pid(), RunLock.holder(layout).orElseThrow().pid());
        }
        // Another host, no heartbeat for longer than STALE.
        foreignLock("app-x", "elsewhere", 1, RunLock.STALE.plusMinutes(1));
        RunLock.acquire(layout, "app-2").close();
        // This host, a process that has ended.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        foreignLock("app-x", thisHost(), gone.pid(), Duration.ZERO);
        RunLock.acquire(layout, "app-2").close();
        // This host, a live process (this one), fresh: in use.
        foreignLock("app-x", thisHost(), ProcessHandle.current().pid(), Duration.ZERO);
        assertThrows(RunFolderInUseError.class, () -> RunLock.acquire(layout, "app-2"));
    }

    @Test
    void theHolderKeepsItsHeartbeatAndLeavesALockTakenFromItAlone() throws IOException, InterruptedException {
        RunLayout layout = layout();
        try (RunLock lock = RunLock.acquire(layout, "app-1", Duration.ofMillis(50), RunLock.STALE)) {
            Instant old = Instant.now().minus(Duration.ofHours(1));
            Files.setLastModifiedTime(lockFile(), FileTime.from(old));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Files.getLastModifiedTime(lockFile()).toInstant().isAfter(old.plusSeconds(60))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.getLastModifiedTime(lockFile()).toInstant().isAfter(old.plusSeconds(60)), "heartbeat");
            // Another run took it over (this one looked dead to it): the holder must not delete its lock.
            foreignLock("app-9", "elsewhere", 1, Duration.ZERO);
            Thread.sleep(300);
        }
        assertEquals("app-9", RunLock.holder(layout).orElseThrow().application());
    }

    @Test
    void eachHeartbeatWritesWhatTheRunIsDoing() throws IOException, InterruptedException {
        RunLayout layout = layout();
        try (RunLock lock = RunLock.acquire(layout, "app-1", Duration.ofMillis(50), RunLock.STALE)) {
            assertEquals(null, RunLock.held(layout).orElseThrow().activity(), "nothing said before the first beat");
            RunActivity doing = new RunActivity(6, "fuzzy-dedup", "2026-11-27T10:00:00Z",
                    List.of(new StageWatch.Active(43, 812, 64, 2000), new StageWatch.Active(44, 0, 0, 200)));
            lock.reportActivity(() -> doing);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (RunLock.held(layout).orElseThrow().activity() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            RunLock.Held held = RunLock.held(layout).orElseThrow();
            assertEquals(doing, held.activity());
            assertEquals("app-1", held.holder().application(), "the holder reads as before");

            // A status read that fails leaves the heartbeat going, without an activity.
            lock.reportActivity(() -> {
                throw new IllegalStateException("the context is stopping");
            });
            deadline = System.nanoTime() + 5_000_000_000L;
            while (RunLock.held(layout).orElseThrow().activity() != null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(null, RunLock.held(layout).orElseThrow().activity());
            assertEquals("app-1", RunLock.holder(layout).orElseThrow().application(), "still held by the run");
        }
        assertTrue(RunLock.holder(layout).isEmpty(), "released on close");
    }

    @Test
    void aLockWithAnActivityItCannotReadStillNamesItsHolder() throws IOException {
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(lockFile(), "{\"application\":\"app-3\",\"host\":\"h\",\"pid\":5,"
                + "\"started\":\"2026-11-27T00:00:00Z\",\"activity\":{\"index\":\"not a number\"},\"newer\":1}");
        RunLock.Held held = RunLock.held(layout()).orElseThrow();
        assertEquals("app-3", held.holder().application());
        assertEquals(null, held.activity());
    }

    @Test
    void anUnreadableLockFileIsHeldUntilStale() throws IOException {
        RunLayout layout = layout();
        Files.createDirectories(dir.resolve("run"));
        for (String broken : List.of("{}", "null", "[1]", "{\"pid\": 3}", "{\"applic")) {
            Files.writeString(lockFile(), broken);
            String m = assertThrows(RunFolderInUseError.class, () -> RunLock.acquire(layout, "app-2")).getMessage();
            assertTrue(m.contains("unreadable lock file"), broken + ": " + m);
        }
        Files.setLastModifiedTime(lockFile(), FileTime.from(Instant.now().minus(RunLock.STALE).minusSeconds(60)));
        RunLock.acquire(layout, "app-2").close();
    }

    @Test
    void ofRunsStartingTogetherExactlyOneGetsTheFolder() throws Exception {
        RunLayout layout = layout();
        int n = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.List<java.util.concurrent.Future<RunLock>> tries = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String app = "app-" + i;
                tries.add(pool.submit(() -> {
                    start.await();
                    try {
                        return RunLock.acquire(layout, app);
                    } catch (RunFolderInUseError e) {
                        return null;
                    }
                }));
            }
            java.util.List<RunLock> won = new java.util.ArrayList<>();
            for (var t : tries) {
                RunLock l = t.get();
                if (l != null) {
                    won.add(l);
                }
            }
            assertEquals(1, won.size(), "runs that got the folder");
            won.get(0).close();
        } finally {
            pool.shutdownNow();
        }
    }
}
