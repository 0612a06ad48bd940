package dev.winnow.trainer.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * A fixed set of threads that run a loop's iterations in parallel. Each iteration runs on exactly
 * one thread and the kernels make every output element depend on one iteration only, so results
 * do not depend on the number of threads.
 */
final class WorkerPool implements AutoCloseable {
  private final int threads;
  private final ExecutorService executor;

  WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cpu-backend-worker");
      t.setDaemon(true);
      return t;
    });
  }

  int threads() {
    return threads;
  }

  /** Runs {@code body} for every index in {@code [0, n)}, split into contiguous chunks. */
  void forEach(int n, IntConsumer body) {
    if (executor == null || n <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    int chunks = Math.min(threads, n);
    List<Future<?>> futures = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) n * c / chunks);
      int to = (int) ((long) n * (c + 1) / chunks);
      futures.add(executor.submit(() -> {
        for (int i = from; i < to; i++) {
          body.accept(i);
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for kernel workers", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("kernel worker failed", cause);
      }
    }
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
