package dev.winnow.quality.fasttext;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reusable barrier for the training threads that spins briefly before it parks. The block
 * trainer meets twice per block of lines, a fraction of a millisecond apart; a parked thread
 * takes 10–20 µs to wake on the build machine ({@link java.util.concurrent.CyclicBarrier}: a lock,
 * a condition, a futex per waiter), several percent of a block on two threads and more the more
 * threads there are to wake. A waiting thread spins a few microseconds, then yields its core
 * (the thread it waits for may be waiting for one: a busy machine) until {@link #SPIN_NANOS},
 * then parks; after a wait that had to park, the next ones park at once for a while, since a
 * machine where spinning failed is most likely short of cores.
 */
final class SpinBarrier {
    /** How long a waiting thread spins (then yields) before it parks. */
    static final long SPIN_NANOS = 50_000;
    /** Spins before the waiting thread starts to yield its core: a few microseconds. */
    private static final int PURE_SPINS = 1 << 10;
    /** After a spin that ended parked, this many waits park at once before spinning is tried again. */
    private static final int PARKED_WAITS_AFTER_A_FAILED_SPIN = 32;

    private final int parties;
    private final AtomicInteger arrived = new AtomicInteger();
    /** Bumped by the last thread to arrive, which lets the others go. */
    private volatile int generation;
    private volatile boolean broken;
    private final Object parked = new Object();
    /** Waits left that park without spinning (a heuristic: racy updates only change how a thread waits). */
    private volatile int skipSpins;
    /** Threads parked on {@link #parked}; read and written under its lock. */
    private int waiting;

    SpinBarrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party, got " + parties);
        }
        this.parties = parties;
    }

    /** Waits until all parties have arrived (or the barrier is broken: {@link BrokenBarrierException}). */
    void await() throws BrokenBarrierException, InterruptedException {
        int gen = generation;
        if (broken) {
            throw new BrokenBarrierException();
        }
        if (arrived.incrementAndGet() == parties) {
            // No one of the next generation can arrive before it sees the new generation.
            arrived.set(0);
            generation = gen + 1;
            synchronized (parked) {
                if (waiting > 0) {
                    parked.notifyAll();
                }
            }
            return;
        }
        if (skipSpins > 0) {
            // Spinning failed lately: the machine is likely busy, and a spinning thread would
            // hold a core the awaited thread needs. Park at once for a while.
            skipSpins--;
            park(gen);
            return;
        }
        long start = System.nanoTime();
        for (int spins = 0; generation == gen; spins++) {
            if (broken) {
                throw new BrokenBarrierException();
            }
            if (spins < PURE_SPINS) {
                Thread.onSpinWait();
            } else if (System.nanoTime() - start > SPIN_NANOS) {
                skipSpins = PARKED_WAITS_AFTER_A_FAILED_SPIN;
                park(gen);
                break;
            } else {
                // The thread waited for may be waiting for this core: offer it.
                Thread.yield();
            }
        }
    }

    private void park(int gen) throws BrokenBarrierException, InterruptedException {
        synchronized (parked) {
            // The generation is read under the lock that the last arrival takes after bumping it:
            // either it is bumped already, or that arrival will find this thread waiting.
            waiting++;
            try {
                while (generation == gen && !broken) {
                    parked.wait();
                }
            } finally {
                waiting--;
            }
        }
        if (generation == gen) {
            throw new BrokenBarrierException();
        }
    }

    /** Breaks the barrier: every thread waiting or arriving later gets {@link BrokenBarrierException}. */
    void breakBarrier() {
        broken = true;
        synchronized (parked) {
            parked.notifyAll();
        }
    }
}
