package dev.winnow.trainer.train;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Tensor;
import dev.winnow.trainer.model.Activations;
import dev.winnow.trainer.model.GptConfig;
import dev.winnow.trainer.model.GptModel;
import dev.winnow.trainer.model.ModelShard;
import dev.winnow.trainer.parallel.OneFOneBSchedule;
import dev.winnow.trainer.parallel.RankGroups;
import dev.winnow.trainer.parallel.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * One rank of a 3D-parallel run: its model shard, optimizer range and communicators. A training
 * step runs the stage's 1F1B schedule over this data-parallel rank's micro-batches, sums the
 * tied embedding's gradient between first and last stage, reduces gradients over the
 * data-parallel group (all-reduce, or reduce-scatter with ZeRO-1), clips by the global norm and
 * applies AdamW (ZeRO-1: to its slice, then all-gathers the parameters).
 */
final class RankWorker implements AutoCloseable {
  private final RankGroups groups;
  private final Topology.Coordinates at;
  private final GptModel model;
  private final Recipe recipe;
  private final boolean zero;
  private final ShardOptimizer optimizer;
  /** Gradients the optimizer reads: the model's own, or this rank's ZeRO slice of their sum. */
  private final Tensor optimizerGrads;
  private final long paddedSize;
  private final LossScaler scaler;
  private final List<Activations> slots = new ArrayList<>();

  RankWorker(RankGroups groups, GptConfig config, int microBatch, Backend backend, Recipe recipe,
      boolean zero, long seed) {
    Topology topo = groups.topology();
    this.groups = groups;
    this.at = groups.coordinates();
    ModelShard shard = ModelShard.of(config, at.tp(), topo.tpSize(), at.pp(), topo.ppSize());
    this.model = new GptModel(backend, config, shard, microBatch, groups.tensor());
    this.recipe = recipe;
    this.zero = zero && topo.dpSize() > 1;
    model.initialize(seed);
    long size = model.layout().size();
    int dp = topo.dpSize();
    this.paddedSize = (size + dp - 1) / dp * dp;
    if (this.zero) {
      long chunk = paddedSize / dp;
      long start = Math.min(size, at.dp() * chunk);
      optimizer = new ShardOptimizer(backend, model.layout(), start,
          Math.min(size, start + chunk));
      optimizerGrads = backend.allocate("grads.zero-shard", chunk);
    } else {
      optimizer = new ShardOptimizer(backend, model.layout(), 0, size);
      optimizerGrads = model.gradients();
    }
    this.scaler = new LossScaler(recipe.lossScale(), recipe.dynamicLossScale());
  }

  GptModel model() {
    return model;
  }

  RankGroups groups() {
    return groups;
  }

  ShardOptimizer optimizer() {
    return optimizer;
  }

  LossScaler scaler() {
    return scaler;
  }

  StepOutcome trainStep(List<TokenBatch> microBatches, int totalMicroBatches, double lr,
      int step) {
    model.zeroGradients();
    double lossSum = runSchedule(microBatches, scaler.scale() / totalMicroBatches);
    reduceTiedEmbedding();
    reduceDataParallel();
    double[] sq = {zero || at.dp() == 0 ? optimizer.sumOfSquares(optimizerGrads) : 0};
    groups.world().allReduceSum(sq);
    double norm = Math.sqrt(sq[0]) / scaler.scale();
    boolean apply = scaler.update(!Double.isFinite(norm));
    if (apply) {
      double clip = norm > recipe.clipNorm() ? recipe.clipNorm() / (norm + 1e-6) : 1.0;
      optimizer.step(model.parameters(), optimizerGrads, recipe, lr, step,
          clip / scaler.scale());
      if (zero) {
        gatherParameters();
      }
    }
    return new StepOutcome(reportsLoss() ? lossSum : 0, norm, apply);
  }

  /** Sum of the micro-batches' mean losses without training (forward only, stage to stage). */
  double evaluate(List<TokenBatch> microBatches) {
    double sum = 0;
    Activations a = slot(0);
    for (TokenBatch mb : microBatches) {
      receiveInput(a);
      double loss = model.forward(a, mb.tokens(), mb.lossMask(), 1.0, false);
      if (model.shard().lastStage()) {
        sum += loss;
      } else {
        groups.pipeline().send(at.pp() + 1, model.stageOutput(a));
      }
    }
    return reportsLoss() ? sum : 0;
  }

  private boolean reportsLoss() {
    return model.shard().lastStage() && at.tp() == 0;
  }

  private double runSchedule(List<TokenBatch> microBatches, double lossWeight) {
    int stages = groups.topology().ppSize();
    int m = microBatches.size();
    int slotCount = Math.min(stages, m);
    double lossSum = 0;
    for (OneFOneBSchedule.Step s : new OneFOneBSchedule(at.pp(), stages, m).steps()) {
      int i = s.microBatch();
      // In-flight micro-batches are consecutive and at most slotCount, so i % slotCount is free.
      Activations a = slot(i % slotCount);
      if (s.forward()) {
        receiveInput(a);
        TokenBatch mb = microBatches.get(i);
        double loss = model.forward(a, mb.tokens(), mb.lossMask(), lossWeight, true);
        if (model.shard().lastStage()) {
          lossSum += loss;
        } else {
          groups.pipeline().send(at.pp() + 1, model.stageOutput(a));
        }
      } else {
        double[] gradOut = model.shard().lastStage() ? null
            : groups.pipeline().receive(at.pp() + 1);
        double[] gradIn = model.backward(a, gradOut);
        if (!model.shard().firstStage()) {
          groups.pipeline().send(at.pp() - 1, gradIn);
        }
      }
    }
    return lossSum;
  }

  private void receiveInput(Activations a) {
    if (!model.shard().firstStage()) {
      model.setStageInput(a, groups.pipeline().receive(at.pp() - 1));
    }
  }

  private Activations slot(int index) {
    while (slots.size() <= index) {
      slots.add(model.newActivations());
    }
    return slots.get(index);
  }

  private void reduceTiedEmbedding() {
    if (groups.embedding() == null) {
      return;
    }
    Tensor g = model.gradient("wte");
    double[] v = model.backend().download(g);
    groups.embedding().allReduceSum(v);
    model.backend().upload(g, v);
  }

  private void reduceDataParallel() {
    if (groups.topology().dpSize() == 1) {
      return;
    }
    double[] g = model.backend().download(model.gradients());
    if (zero) {
      double[] padded = java.util.Arrays.copyOf(g, (int) paddedSize);
      model.backend().upload(optimizerGrads, groups.data().reduceScatterSum(padded));
    } else {
      groups.data().allReduceSum(g);
      model.backend().upload(model.gradients(), g);
    }
  }

  private void gatherParameters() {
    long chunk = paddedSize / groups.topology().dpSize();
    double[] mine = new double[(int) chunk];
    long n = optimizer.end() - optimizer.start();
    if (n > 0) {
      double[] p = model.backend().download(
          model.parameters().slice("zero.shard", optimizer.start(), n));
      System.arraycopy(p, 0, mine, 0, (int) n);
    }
    double[] all = groups.data().allGather(mine);
    model.backend().upload(model.parameters(),
        java.util.Arrays.copyOf(all, (int) model.layout().size()));
  }

  @Override
  public void close() {
    model.backend().close();
  }
}
