package dev.winnow.quality.fasttext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The trainer's threads: the caller and n − 1 more, joined before returning, the first failure
 * rethrown. Callers make each task write only its own part of the result, so the result does not
 * depend on which thread ran which task, nor on how many threads there were.
 */
final class Parallel {
    private Parallel() {
    }

    /** Tasks 0..tasks−1, each once, taken in turn by up to {@code threads} threads. */
    static void each(int tasks, int threads, IntConsumer task) {
        AtomicInteger next = new AtomicInteger();
        onThreads(Math.min(threads, tasks), id -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                task.accept(i);
            }
        });
    }

    /** A part of a range: its number and its indices [from, to). */
    interface Part {
        void run(int part, int from, int to);
    }

    /**
     * [0, size) cut into {@code parts} contiguous parts (sizes differing by at most one), each
     * run once by up to {@code threads} threads.
     */
    static void eachPart(int size, int parts, int threads, Part task) {
        each(parts, threads, c -> task.run(c, (int) ((long) size * c / parts), (int) ((long) size * (c + 1) / parts)));
    }

    /** {@code body(id)} for id 0..n−1, each on its own thread; 0 on the caller's. */
    static void onThreads(int n, IntConsumer body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    body.accept(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "fasttext-" + t);
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        try {
            body.accept(0);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        if (e != null) {
            throw new IllegalStateException("fastText training failed", e);
        }
    }
}
