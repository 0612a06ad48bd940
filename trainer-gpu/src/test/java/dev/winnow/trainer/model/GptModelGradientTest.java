package dev.winnow.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.winnow.trainer.backend.AttentionState;
import dev.winnow.trainer.backend.Backend;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.backend.cpu.CpuBackend;
import dev.winnow.trainer.parallel.Communicator;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole model's backward pass against central finite differences of its loss in FP64, for
 * every parameter group (embedding, positions, both LayerNorms, QKV, attention-out, MLP in and
 * out, final LayerNorm), with a loss mask.
 */
class GptModelGradientTest {
  private static final double H = 1e-5;
  private static final int SAMPLES_PER_PARAMETER = 12;

  /** With either attention state (probabilities kept, or recomputed from log-sum-exps). */
  @ParameterizedTest
  @EnumSource(AttentionState.class)
  void everyParameterGroupMatchesFiniteDifferences(AttentionState attention) {
    GptConfig config = TinyModels.tiny();
    int batch = 2;
    int[][] windows = TinyModels.windows(config, batch, 3);
    float[][] mask = new float[batch][config.seqLen()];
    Random r = new Random(5);
    for (float[] row : mask) {
      for (int i = 0; i < row.length; i++) {
        row[i] = r.nextInt(4) == 0 ? 0 : 1;
      }
    }
    try (Backend b = new CpuBackend(Precision.FP64, 1, attention)) {
      GptModel model = new GptModel(b, config, ModelShard.whole(config), batch,
          Communicator.solo());
      model.initialize(11);
      Activations a = model.newActivations();
      model.zeroGradients();
      double loss = model.forward(a, windows, mask, 1.0, true);
      assertTrue(loss > 0 && loss < 2 * Math.log(config.vocab()), "loss " + loss);
      model.backward(a, null);
      double[] grads = b.download(model.gradients());
      double[] params = b.download(model.parameters());
      int checked = 0;
      for (ParameterSpec p : model.layout().parameters()) {
        Random pick = new Random(p.name().hashCode());
        double largest = 0;
        for (int s = 0; s < SAMPLES_PER_PARAMETER; s++) {
          int i = (int) p.offset() + pick.nextInt((int) p.localSize());
          double numeric = (lossAt(model, a, windows, mask, params, i, H)
              - lossAt(model, a, windows, mask, params, i, -H)) / (2 * H);
          assertEquals(numeric, grads[i], 1e-7 + 1e-5 * Math.abs(numeric),
              p.name() + " element " + (i - p.offset()));
          largest = Math.max(largest, Math.abs(grads[i]));
          checked++;
        }
        // a group whose sampled gradients are all zero would make the check vacuous
        assertTrue(largest > 1e-6, p.name() + " has no gradient signal");
      }
      assertEquals(SAMPLES_PER_PARAMETER * model.layout().parameters().size(), checked);
    }
  }

  private static double lossAt(GptModel model, Activations a, int[][] windows, float[][] mask,
      double[] params, int i, double delta) {
    double[] p = params.clone();
    p[i] += delta;
    model.backend().upload(model.parameters(), p);
    double loss = model.forward(a, windows, mask, 1.0, false);
    model.backend().upload(model.parameters(), params);
    return loss;
  }
}
