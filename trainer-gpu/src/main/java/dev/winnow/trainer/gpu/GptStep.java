package dev.winnow.trainer.gpu;

import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Tensor;
import dev.winnow.trainer.model.Activations;
import dev.winnow.trainer.model.GptConfig;
import dev.winnow.trainer.model.GptModel;
import dev.winnow.trainer.model.ModelShard;
import dev.winnow.trainer.parallel.Communicator;
import java.util.Random;

/**
 * A whole training step of the trainer's model ({@link GptModel}, one rank) on one fixed batch
 * of seeded random tokens: forward, backward, global gradient norm with clipping at 1, and one
 * AdamW update over the flat parameter buffer. What the GPU benchmark and tests time and compare;
 * the {@code Trainer} adds the recipe's parameter groups, LR schedule and data around the same
 * model calls.
 */
public final class GptStep {
  private final Backend be;
  private final GptModel model;
  private final Activations acts;
  private final Tensor m;
  private final Tensor v;
  private final int[][] windows;

  /** Allocates everything on {@code be}, initialises the weights and draws the batch from {@code seed}. */
  public GptStep(Backend be, GptConfig cfg, int batch, long seed) {
    this.be = be;
    model = new GptModel(be, cfg, ModelShard.whole(cfg), batch, Communicator.solo());
    model.initialize(seed);
    acts = model.newActivations();
    long n = model.parameters().size();
    m = be.allocate("adam.m", n);
    v = be.allocate("adam.v", n);
    Random r = new Random(seed);
    windows = new int[batch][cfg.seqLen() + 1];
    for (int[] row : windows) {
      for (int i = 0; i < row.length; i++) {
        row[i] = r.nextInt(cfg.vocab());
      }
    }
  }

  /** The parameters' gradients of the last step (one flat buffer). */
  public Tensor gradients() {
    return model.gradients();
  }

  public Tensor parameters() {
    return model.parameters();
  }

  /** One training step ({@code stepNumber} from 1); returns the mean loss of its forward pass. */
  public double step(int stepNumber) {
    model.zeroGradients();
    double loss = model.forward(acts, windows, null, 1.0, true);
    model.backward(acts, null);
    Tensor g = model.gradients();
    double norm = Math.sqrt(be.sumOfSquares(g, g.size()));
    double clip = norm > 1.0 ? 1.0 / norm : 1.0;
    be.adamW(model.parameters(), g, m, v, g.size(), 6e-4, 0.9, 0.95, 1e-8, 0.0, stepNumber, clip);
    return loss;
  }
}
