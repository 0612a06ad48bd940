package dev.winnow.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CacheFolderTest {
    @TempDir
    Path root;

    private List<String> names() throws IOException {
        try (var s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void buildersRacingForOneEntryEndWithOneWholeCopy() throws Exception {
        int ranks = 4;
        CountDownLatch allBuilding = new CountDownLatch(ranks);
        AtomicInteger builds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(ranks);
        List<Future<Path>> results = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            int rank = r;
            results.add(pool.submit(() -> CacheFolder.entry(root, "index-x", dir -> {
                builds.incrementAndGet();
                Files.writeString(dir.resolve("who"), "rank " + rank);
                allBuilding.countDown();
                try {
                    allBuilding.await(); // every rank is mid-build before any publishes
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            })));
        }
        for (Future<Path> f : results) {
            assertEquals(root.resolve("index-x"), f.get());
        }
        pool.shutdown();
        assertEquals(ranks, builds.get());
        assertEquals(List.of("index-x"), names(), "one entry, no temporary folder left");
        assertEquals(1, Files.list(root.resolve("index-x")).count());
    }

    @Test
    void aFailedBuildLeavesNothing() throws IOException {
        assertThrows(UncheckedIOException.class, () -> CacheFolder.entry(root, "tokens-y", dir -> {
            Files.writeString(dir.resolve("half"), "x");
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void anExistingEntryIsNotRebuilt() throws IOException {
        CacheFolder.entry(root, "e", dir -> Files.writeString(dir.resolve("a"), "1"));
        CacheFolder.entry(root, "e", dir -> {
            throw new AssertionError("rebuilt");
        });
        assertEquals("1", Files.readString(root.resolve("e/a")));
    }
}
