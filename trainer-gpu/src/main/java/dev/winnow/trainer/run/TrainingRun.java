package dev.winnow.trainer.run;

import dev.winnow.trainer.train.Checkpoint;
import dev.winnow.trainer.train.StepRecord;
import dev.winnow.trainer.train.BatchSource;
import dev.winnow.trainer.train.TokenBatch;
import dev.winnow.trainer.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training loop: step, log (console and {@code train.csv} in the output folder), evaluate
 * on held-out batches, checkpoint; optionally resuming from a checkpoint first.
 */
public final class TrainingRun {
  static final String CSV_HEADER =
      "step,tokens,loss,val_loss,lr,grad_norm,tokens_per_s,gflops,loss_scale,applied";

  private final TrainConfig config;

  public TrainingRun(TrainConfig config) {
    this.config = config;
  }

  /** Runs to {@code steps}; returns the steps trained by this call. */
  public List<StepRecord> run(PrintStream log) {
    var settings = config.trainer();
    int seqLen = settings.model().seqLen();
    BatchSource train;
    List<TokenBatch> validation = new ArrayList<>();
    long trainTokens;
    int validationRows = config.batch().global();
    BlendBatchSource fromBlend = null;
    if (config.blend() != null) {
      StaleBlendCheck.check(config.blend(), log);
      BlendBatchSource blend = BlendBatchSource.open(config.blend().dir(), config.blend().cache(),
          config.blend().seed(), seqLen, config.batch(), config.steps(), settings.microBatch(),
          config.evalBatches() * validationRows, config.validationFraction());
      log.println("documents: " + blend.splitSummary());
      validation.addAll(blend.validation(config.evalBatches(), validationRows));
      trainTokens = blend.trainTokens();
      train = blend;
      fromBlend = blend;
    } else {
      TextBatchSource[] sources = TextBatchSource.open(config.datasets(), seqLen, config.batch(),
          settings.microBatch() * settings.topology().dpSize(), config.validationFraction());
      for (int i = 0; i < config.evalBatches(); i++) {
        validation.add(sources[1].next());
      }
      trainTokens = sources[0].tokenCount();
      train = sources[0];
    }
    double flopsPerToken = settings.model().trainingFlopsPerToken();
    List<StepRecord> records = new ArrayList<>();
    try (Trainer trainer = new Trainer(settings)) {
      if (config.resumeFrom() != null) {
        String state = Checkpoint.loaderState(config.resumeFrom());
        if (fromBlend != null) {
          checkResume(fromBlend, state, log);
        }
        Checkpoint.load(trainer, config.resumeFrom());
        train.restore(state);
        log.printf("resumed from %s at step %d%n", config.resumeFrom(), trainer.step());
      }
      log.printf(Locale.ROOT, "model %s: %,d parameters, layout %s, %s, %d train tokens%n",
          settings.model().name(), settings.model().parameters(), settings.topology(),
          settings.precision(), trainTokens);
      Files.createDirectories(config.out());
      Path csv = config.out().resolve("train.csv");
      boolean fresh = trainer.step() == 0 || !Files.exists(csv);
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, fresh ? StandardOpenOption.TRUNCATE_EXISTING
              : StandardOpenOption.APPEND))) {
        if (fresh) {
          out.println(CSV_HEADER);
        }
        while (trainer.step() < config.steps()) {
          StepRecord r = trainer.train(train.next());
          records.add(r);
          boolean eval = r.step() % config.evalInterval() == 0 || r.step() == config.steps();
          double val = eval ? meanLoss(trainer, validation) : Double.NaN;
          double gflops = r.tokensPerSecond() * flopsPerToken / 1e9;
          log.printf(Locale.ROOT,
              "step %5d | loss %.4f%s | lr %.3e | grad norm %.3f | %.0f tok/s | %.2f GFLOP/s%n",
              r.step(), r.loss(), eval ? String.format(Locale.ROOT, " | val %.4f", val) : "",
              r.lr(), r.gradNorm(), r.tokensPerSecond(), gflops);
          out.printf(Locale.ROOT, "%d,%d,%.6f,%s,%.6e,%.6f,%.1f,%.3f,%s,%s%n", r.step(),
              r.tokens(), r.loss(), eval ? String.format(Locale.ROOT, "%.6f", val) : "", r.lr(),
              r.gradNorm(), r.tokensPerSecond(), gflops, r.lossScale(), r.applied());
          out.flush();
          if (config.checkpointInterval() > 0 && (r.step() % config.checkpointInterval() == 0
              || r.step() == config.steps())) {
            Path dir = config.checkpointDir().resolve(String.format("step-%06d", r.step()));
            Checkpoint.save(trainer, dir, train.state());
            log.println("checkpoint " + dir);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + config.out(), e);
    } finally {
      if (train instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close the batch source", e);
        }
      }
    }
    return records;
  }

  /**
   * A checkpoint resumed on other data (the blend rebuilt since, another seed or sequence length)
   * would continue at its consumed-sample count in another sample sequence: refused before the
   * weights load, unless {@code data.resume-on-another-blend}.
   */
  private void checkResume(BlendBatchSource blend, String state, PrintStream log) {
    var mismatch = blend.resumeMismatch(state);
    if (mismatch.isEmpty()) {
      return;
    }
    String what = "checkpoint " + config.resumeFrom() + ": " + mismatch.get() + ".";
    if (!config.blend().resumeOnAnotherBlend()) {
      throw new dev.winnow.trainer.data.BlendException(what + " Point train.data.blend at the blend it "
          + "was trained on, or set train.data.resume-on-another-blend = true to go on with this one "
          + "from the same position.");
    }
    log.println("warning: " + what + " Going on with it from the same position "
        + "(data.resume-on-another-blend = true).");
  }

  private static double meanLoss(Trainer trainer, List<TokenBatch> batches) {
    double s = 0;
    for (TokenBatch b : batches) {
      s += trainer.evaluate(b);
    }
    return s / batches.size();
  }
}
