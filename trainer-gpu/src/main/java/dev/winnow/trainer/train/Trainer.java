package dev.winnow.trainer.train;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.gpu.CudaBackend;
import dev.winnow.trainer.gpu.CudaDevice;
import dev.winnow.trainer.gpu.GpuProbe;
import dev.winnow.trainer.backend.cpu.CpuBackend;
import dev.winnow.trainer.parallel.InProcessCluster;
import dev.winnow.trainer.parallel.RankGroups;
import dev.winnow.trainer.parallel.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Drives a run: one {@link RankWorker} per rank, each on its own thread with its own CPU
 * backend, stepping together. Each step splits the global batch into micro-batches, gives
 * data-parallel rank d the d-th contiguous share, and collects the loss and gradient norm.
 */
public final class Trainer implements AutoCloseable {
  private final TrainerSettings settings;
  private final List<RankWorker> ranks = new ArrayList<>();
  private final ExecutorService threads;
  private int step;
  private long tokens;

  public Trainer(TrainerSettings settings) {
    this.settings = settings;
    Topology topo = settings.topology();
    List<RankGroups> groups = InProcessCluster.create(topo);
    threads = Executors.newFixedThreadPool(topo.worldSize(), r -> {
      Thread t = new Thread(r, "rank");
      t.setDaemon(true);
      return t;
    });
    for (RankGroups g : groups) {
      ranks.add(new RankWorker(g, settings.model(), settings.microBatch(),
          backend(settings), settings.recipe(),
          settings.zero(), settings.seed()));
    }
  }

  private static Backend backend(TrainerSettings settings) {
    if (!settings.backend().equals(TrainerSettings.GPU)) {
      return new CpuBackend(settings.precision(), settings.threadsPerRank());
    }
    GpuProbe probe = CudaDevice.probe();
    if (!probe.available()) {
      throw new IllegalStateException("backend = gpu, but " + probe.description());
    }
    return new CudaBackend(settings.precision(), 0);
  }

  public TrainerSettings settings() {
    return settings;
  }

  public int step() {
    return step;
  }

  public long tokens() {
    return tokens;
  }

  /** Trains on one global batch. */
  public StepRecord train(TokenBatch batch) {
    List<List<TokenBatch>> shares = shares(batch);
    int total = batch.rows() / settings.microBatch();
    long stepTokens = (long) batch.rows() * settings.model().seqLen();
    double lr = settings.recipe().lr().at(tokens + stepTokens);
    int stepNumber = step + 1;
    long start = System.nanoTime();
    List<StepOutcome> out = onAllRanks(r -> r.trainStep(
        shares.get(r.groups().coordinates().dp()), total, lr, stepNumber));
    double seconds = (System.nanoTime() - start) / 1e9;
    double lossSum = 0;
    for (StepOutcome o : out) {
      lossSum += o.lossSum();
    }
    step = stepNumber;
    tokens += stepTokens;
    StepOutcome first = out.get(0);
    return new StepRecord(step, tokens, lossSum / total, lr, first.gradNorm(),
        stepTokens / seconds, ranks.get(0).scaler().scale(), first.applied());
  }

  /** Mean loss over a batch, without training. */
  public double evaluate(TokenBatch batch) {
    List<List<TokenBatch>> shares = shares(batch);
    List<Double> sums = onAllRanks(r -> r.evaluate(shares.get(r.groups().coordinates().dp())));
    double s = 0;
    for (double x : sums) {
      s += x;
    }
    return s / (batch.rows() / settings.microBatch());
  }

  /** The whole model's parameters by name, assembled from the shards. */
  public GlobalTensors parameters() {
    GlobalTensors g = new GlobalTensors();
    for (RankWorker r : ranks) {
      if (r.groups().coordinates().dp() == 0) {
        g.put(r.model().layout(), r.model().backend().download(r.model().parameters()));
      }
    }
    return g;
  }

  List<RankWorker> ranks() {
    return ranks;
  }

  void setProgress(int step, long tokens) {
    this.step = step;
    this.tokens = tokens;
  }

  /** The batch cut into micro-batches, grouped by data-parallel rank. */
  private List<List<TokenBatch>> shares(TokenBatch batch) {
    int mbs = settings.microBatch();
    int dp = settings.topology().dpSize();
    if (batch.rows() % (mbs * dp) != 0) {
      throw new IllegalArgumentException("a batch of " + batch.rows() + " sequences does not "
          + "split into micro-batches of " + mbs + " over " + dp + " data-parallel ranks");
    }
    int perRank = batch.rows() / (mbs * dp);
    List<List<TokenBatch>> out = new ArrayList<>();
    for (int d = 0; d < dp; d++) {
      List<TokenBatch> mine = new ArrayList<>();
      for (int i = 0; i < perRank; i++) {
        mine.add(batch.slice((d * perRank + i) * mbs, mbs));
      }
      out.add(mine);
    }
    return out;
  }

  private <T> List<T> onAllRanks(Function<RankWorker, T> work) {
    List<Future<T>> futures = new ArrayList<>();
    for (RankWorker r : ranks) {
      Callable<T> task = () -> work.apply(r);
      futures.add(threads.submit(task));
    }
    List<T> out = new ArrayList<>();
    try {
      for (Future<T> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ranks were working", e);
    } catch (ExecutionException e) {
      // one failed rank leaves the others waiting in a collective: stop them
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re
          : new IllegalStateException("a rank failed", cause);
    }
    return out;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    ranks.forEach(RankWorker::close);
  }
}
