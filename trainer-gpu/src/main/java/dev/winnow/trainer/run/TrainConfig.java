package dev.winnow.trainer.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.data.BatchSchedule;
import dev.winnow.trainer.model.GptConfig;
import dev.winnow.trainer.parallel.Topology;
import dev.winnow.trainer.train.LrSchedule;
import dev.winnow.trainer.train.Recipe;
import dev.winnow.trainer.train.TrainerSettings;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training run as configured in {@code conf/train/*.conf} (HOCON, block {@code train}): the
 * trainer's settings plus steps, data, batch ramp, evaluation, checkpoints and output folder.
 * Relative paths resolve against the folder the command runs in.
 */
public record TrainConfig(TrainerSettings trainer, int steps, List<TextDocuments> datasets,
    double validationFraction, BatchSchedule batch, int evalInterval, int evalBatches,
    Path checkpointDir, int checkpointInterval, Path resumeFrom, Path out, Blend blend) {

  /**
   * {@code data.blend}: a blend folder the {@code blend} stage wrote, read through the data
   * loader (its index cached in {@code cache}); null when training on the text stand-in.
   * {@code allowStale} ({@code data.allow-stale-blend}): train on a run's {@code blend/} that is
   * not the run's current output ({@link dev.winnow.blending.run.BlendInRun}); refused otherwise.
   * {@code resumeOnAnotherBlend} ({@code data.resume-on-another-blend}): resume a checkpoint whose
   * samples were drawn from another blend, sequence length, seed or split; refused otherwise.
   */
  public record Blend(Path dir, Path cache, long seed, boolean allowStale, boolean resumeOnAnotherBlend) {}

  public static TrainConfig load(File file) {
    if (!file.isFile()) {
      throw new IllegalArgumentException("config file " + file + " does not exist or is not a file");
    }
    Config root = ConfigFactory.parseFile(file).resolve();
    if (!root.hasPath("train")) {
      throw new IllegalArgumentException(file + " has no 'train' block");
    }
    return from(root.getConfig("train"));
  }

  public static TrainConfig from(Config c) {
    GptConfig model = model(c);
    Topology topo = new Topology(c.getInt("parallel.tp"), c.getInt("parallel.pp"),
        c.getInt("parallel.dp"));
    LrSchedule lr = new LrSchedule(c.getDouble("lr.peak"), c.getLong("lr.warmup-tokens"),
        c.getLong("lr.decay-tokens"), c.getDouble("lr.min-ratio"));
    Recipe recipe = new Recipe(lr, c.getDouble("optimizer.beta1"),
        c.getDouble("optimizer.beta2"), c.getDouble("optimizer.eps"),
        c.getDouble("optimizer.weight-decay"), c.getDouble("optimizer.clip-norm"),
        c.getDouble("loss-scale.initial"), c.getBoolean("loss-scale.dynamic"));
    Precision precision = Precision.valueOf(c.getString("precision").toUpperCase(Locale.ROOT));
    TrainerSettings settings = new TrainerSettings(model, topo, c.getInt("micro-batch"),
        precision, c.getInt("threads-per-rank"), recipe, c.getBoolean("parallel.zero"),
        c.getLong("seed"), c.hasPath("backend") ? c.getString("backend") : TrainerSettings.CPU);
    // The ramp is configured in tokens (as the paper states it) and run in samples of seq-len
    // tokens, as Megatron's --rampup-batch-size: one schedule for the blend and the text stand-in.
    BatchSchedule batch = new BatchSchedule(c.getInt("batch.start-rows"), c.getInt("batch.increment-rows"),
        c.getLong("batch.ramp-tokens") / model.seqLen(), c.getInt("batch.end-rows"));
    int granule = settings.microBatch() * topo.dpSize();
    if (batch.start() % granule != 0 || batch.increment() % granule != 0) {
      throw new IllegalArgumentException("batch rows must be multiples of micro-batch × dp = "
          + granule);
    }
    String resume = c.hasPath("checkpoint.resume-from") ? c.getString("checkpoint.resume-from")
        : "";
    Blend blend = null;
    String blendDir = c.hasPath("data.blend") ? c.getString("data.blend") : "";
    if (!blendDir.isEmpty()) {
      Path dir = Path.of(blendDir);
      Path cache = c.hasPath("data.cache") && !c.getString("data.cache").isEmpty()
          ? Path.of(c.getString("data.cache")) : dev.winnow.trainer.data.CacheFolder.besideBlend(dir);
      blend = new Blend(dir, cache, c.getLong("seed"),
          c.hasPath("data.allow-stale-blend") && c.getBoolean("data.allow-stale-blend"),
          c.hasPath("data.resume-on-another-blend") && c.getBoolean("data.resume-on-another-blend"));
    }
    List<TextDocuments> datasets = new ArrayList<>();
    for (Config d : blend != null ? List.<Config>of() : c.getConfigList("data.datasets")) {
      datasets.add(new TextDocuments(Path.of(d.getString("path")),
          d.hasPath("field") ? d.getString("field") : "text"));
    }
    return new TrainConfig(settings, c.getInt("steps"), datasets,
        c.getDouble("data.validation-fraction"), batch, c.getInt("eval.interval"),
        c.getInt("eval.batches"), Path.of(c.getString("checkpoint.dir")),
        c.getInt("checkpoint.interval"), resume.isEmpty() ? null : Path.of(resume),
        Path.of(c.getString("out")), blend);
  }

  /** The same run with another step count. */
  public TrainConfig withSteps(int newSteps) {
    return new TrainConfig(trainer, newSteps, datasets, validationFraction, batch, evalInterval,
        evalBatches, checkpointDir, checkpointInterval, resumeFrom, out, blend);
  }

  /** A built-in name ({@link GptConfig#builtIn()}) or a block with the shape. */
  private static GptConfig model(Config c) {
    if (c.getValue("model").valueType() == ConfigValueType.STRING) {
      return GptConfig.named(c.getString("model"));
    }
    Config m = c.getConfig("model");
    int vocab = m.getInt("vocab");
    return new GptConfig(m.getString("name"), m.getInt("layers"), m.getInt("hidden"),
        m.getInt("heads"), m.getInt("seq-len"), vocab,
        GptConfig.padVocab(vocab, m.getInt("pad-vocab-to")));
  }
}
