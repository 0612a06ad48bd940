package dev.winnow.trainer.run;

import dev.winnow.blending.run.BlendInRun;
import dev.winnow.trainer.data.BlendException;
import java.io.PrintStream;

/**
 * Before training on a run's {@code blend/}: is it the run's current output? A blend left behind
 * by {@code winnow run --to …} holds documents the run's stages have since changed (another
 * decontamination, another dedup), and training on it would be silent about that. Refused unless
 * {@code data.allow-stale-blend}; then trained on with a warning. A blend copied out of its run
 * folder cannot be checked and is said to be.
 */
final class StaleBlendCheck {
  private StaleBlendCheck() {}

  static void check(TrainConfig.Blend blend, PrintStream log) {
    BlendInRun where = BlendInRun.of(blend.dir());
    switch (where.status()) {
      case CURRENT -> log.println("blend: " + blend.dir() + ", its run's current output: " + where.detail());
      case NOT_IN_A_RUN -> log.println("blend: " + blend.dir() + " (" + where.detail()
          + ": not a run folder's blend, so not checked against the pipeline's stages)");
      case STALE -> {
        String what = "blend " + blend.dir() + " is not its run's current output: " + where.detail()
            + ". A stage before the blend ran again since it was written (winnow run --to …), or the "
            + "blend stage was dropped from winnow.stages.";
        if (!blend.allowStale()) {
          throw new BlendException(what + " Run `bin/winnow run` with the run's config to bring its "
              + "stages and blend up to date, or set train.data.allow-stale-blend = true to train on it "
              + "as it is.");
        }
        log.println("warning: " + what + " Training on it as it is (data.allow-stale-blend = true).");
      }
    }
  }
}
