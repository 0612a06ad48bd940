package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpinBarrierTest {
    /** Runs body(id) on n threads and returns the first failure, or null. */
    private static Throwable onThreads(int n, ThrowingIntConsumer body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[n];
        for (int t = 0; t < n; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                try {
                    body.accept(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads[t].setDaemon(true); // a barrier that never opens must not keep the test JVM alive
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!t.isAlive(), "a thread is still waiting at the barrier");
        }
        return failure.get();
    }

    interface ThrowingIntConsumer {
        void accept(int id) throws Exception;
    }

    @Test
    void noThreadPassesARoundBeforeAllHaveArrived() throws InterruptedException {
        for (int n : new int[] {1, 2, 3, 5}) {
            int rounds = 20_000;
            SpinBarrier barrier = new SpinBarrier(n);
            AtomicInteger[] arrivals = new AtomicInteger[rounds];
            for (int r = 0; r < rounds; r++) {
                arrivals[r] = new AtomicInteger();
            }
            Throwable failure = onThreads(n, id -> {
                for (int r = 0; r < rounds; r++) {
                    arrivals[r].incrementAndGet();
                    if (id == r % n && r % 1000 == 0) {
                        Thread.sleep(1); // past the spin: the others park and must be woken
                    }
                    barrier.await();
                    if (arrivals[r].get() != n) {
                        throw new AssertionError("round " + r + ": passed with " + arrivals[r].get() + " of " + n);
                    }
                }
            });
            assertNull(failure, n + " threads: " + failure);
        }
    }

    @Test
    void breakingItReleasesSpinningAndParkedThreadsAndLaterArrivals() throws InterruptedException {
        SpinBarrier barrier = new SpinBarrier(3);
        CountDownLatch waiting = new CountDownLatch(2);
        AtomicReferenceArray<Throwable> outcomes = new AtomicReferenceArray<>(2);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                waiting.countDown();
                try {
                    barrier.await();
                } catch (Throwable e) {
                    outcomes.set(id, e);
                }
            });
            threads[t].start();
        }
        waiting.await();
        Thread.sleep(20); // long past the spin: both are parked
        barrier.breakBarrier();
        for (Thread t : threads) {
            t.join(10_000);
        }
        for (int t = 0; t < 2; t++) {
            assertInstanceOf(BrokenBarrierException.class, outcomes.get(t));
        }
        assertThrows(BrokenBarrierException.class, barrier::await);
    }

    @Test
    void aBarrierNeedsAParty() {
        assertThrows(IllegalArgumentException.class, () -> new SpinBarrier(0));
    }
}
