package dev.winnow.trainer.run;

import dev.winnow.trainer.data.BatchLoader;
import dev.winnow.trainer.data.BatchSchedule;
import dev.winnow.trainer.data.BlendFolder;
import dev.winnow.trainer.data.BlendedSamples;
import dev.winnow.trainer.data.DataParallelSampler;
import dev.winnow.trainer.data.DatasetPlan;
import dev.winnow.trainer.data.DocumentSplit;
import dev.winnow.trainer.data.IndexSpec;
import dev.winnow.trainer.data.MicroBatch;
import dev.winnow.trainer.data.ShardVerification;
import dev.winnow.trainer.data.StepBatch;
import dev.winnow.trainer.train.BatchSource;
import dev.winnow.trainer.train.TokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trainer's batches from a blend folder, through the data loader: each step's global batch
 * (the {@link dev.winnow.trainer.train.Trainer} splits it across data-parallel ranks itself, so the loader runs as one
 * rank), with the loss mask after end-of-document tokens. The state is the consumed-sample count,
 * so a restored run reads exactly the samples that would have come next.
 *
 * <p>The split is by document: {@code validationFraction} of each dataset's documents are held out
 * ({@link DocumentSplit}), training's index draws from the rest and validation batches from a
 * second index over the held-out documents alone, so no validation token is ever trained on.
 */
final class BlendBatchSource implements BatchSource, AutoCloseable {
  private static final int PREFETCH_STEPS = 4;

  private final BlendedSamples samples;
  private final BlendedSamples heldOut;
  private final DataParallelSampler sampler;
  private final long trainSamples;
  /** What the sample sequence is drawn from; saved with the position, checked on resume. */
  private final String data;
  private BatchLoader loader;
  private long consumed;

  private BlendBatchSource(BlendedSamples samples, BlendedSamples heldOut,
      DataParallelSampler sampler, long trainSamples, String data) {
    this.samples = samples;
    this.heldOut = heldOut;
    this.sampler = sampler;
    this.trainSamples = trainSamples;
    this.data = data;
    loader = new BatchLoader(samples, sampler, 0, true, PREFETCH_STEPS);
  }

  /**
   * Opens {@code blend} (its index cached under {@code cache}) for {@code steps} steps of the
   * {@code schedule}'s batches of {@code seqLen}-token windows in micro-batches of {@code microBatch}
   * rows, plus {@code validationRows} windows of the {@code validationFraction} of documents held
   * out.
   */
  static BlendBatchSource open(Path blend, Path cache, long seed, int seqLen, BatchSchedule schedule,
      int steps, int microBatch, int validationRows, double validationFraction) {
    long train = 0;
    for (int s = 0; s < steps; s++) {
      train += schedule.globalBatchSize(train);
    }
    BlendFolder folder = BlendFolder.open(blend, ShardVerification.LAZY);
    BlendedSamples samples = BlendedSamples.open(folder, cache,
        new IndexSpec(seqLen, seed, train, DocumentSplit.train(validationFraction)));
    BlendedSamples heldOut = validationRows == 0 ? null : BlendedSamples.open(folder, cache,
        new IndexSpec(seqLen, seed, validationRows, DocumentSplit.validation(validationFraction)));
    String data = String.format(Locale.ROOT, "blend %s (manifest sha256 %s), seq-len %d, seed %d, held out %s",
        folder.manifest().blend(), folder.manifestSha256(), seqLen, seed, validationFraction);
    return new BlendBatchSource(samples, heldOut,
        new DataParallelSampler(schedule, microBatch, 0, 1, train), train, data);
  }

  /** Per dataset, the documents and tokens (with end-of-document) on each side of the split. */
  String splitSummary() {
    StringBuilder out = new StringBuilder();
    var train = samples.index().summary().datasets();
    var val = heldOut == null ? null : heldOut.index().summary().datasets();
    for (String name : train.keySet()) {
      DatasetPlan t = train.get(name).plan();
      DatasetPlan v = val == null ? null : val.get(name).plan();
      out.append(String.format(Locale.ROOT, "%s%s: train %d documents (%,d tokens), held out %d (%,d)",
          out.length() == 0 ? "" : "; ", name, t.documents(), t.tokensPerEpoch(),
          v == null ? 0 : v.documents(), v == null ? 0 : v.tokensPerEpoch()));
    }
    return out.toString();
  }

  /** {@code batches} held-out batches of {@code rows} windows each. */
  List<TokenBatch> validation(int batches, int rows) {
    List<TokenBatch> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      long[] ids = new long[rows];
      for (int r = 0; r < rows; r++) {
        ids[r] = (long) b * rows + r;
      }
      out.add(tokenBatch(List.of(MicroBatch.read(heldOut, ids, true))));
    }
    return out;
  }

  long trainTokens() {
    return trainSamples * samples.seqLen();
  }

  @Override
  public TokenBatch next() {
    StepBatch step = loader.next();
    consumed = step.consumedAfter();
    return tokenBatch(step.microBatches());
  }

  private static TokenBatch tokenBatch(List<MicroBatch> micro) {
    List<int[]> tokens = new ArrayList<>();
    List<float[]> mask = new ArrayList<>();
    for (MicroBatch m : micro) {
      tokens.addAll(List.of(m.tokens()));
      mask.addAll(List.of(m.lossMask()));
    }
    return new TokenBatch(tokens.toArray(int[][]::new), mask.toArray(float[][]::new));
  }

  /** The consumed-sample count, then what the samples are drawn from: {@code 1920|blend …}. */
  @Override
  public String state() {
    return consumed + STATE_SEPARATOR + data;
  }

  private static final String STATE_SEPARATOR = "|";

  /**
   * Why a checkpoint's loader state cannot continue this source's sample sequence: it was drawn
   * from another blend, sequence length, seed or held-out split; empty when it can (or when the
   * checkpoint predates the record and holds only a count).
   */
  java.util.Optional<String> resumeMismatch(String state) {
    int bar = state.indexOf(STATE_SEPARATOR);
    if (bar < 0 || state.substring(bar + 1).equals(data)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("it was trained on " + state.substring(bar + 1) + "; this run reads "
        + data + ", so sample " + state.substring(0, bar) + " onward is another sequence");
  }

  @Override
  public void restore(String state) {
    int bar = state.indexOf(STATE_SEPARATOR);
    long at = Long.parseLong(bar < 0 ? state : state.substring(0, bar));
    loader.close();
    loader = new BatchLoader(samples, sampler, at, true, PREFETCH_STEPS);
    consumed = at;
  }

  @Override
  public void close() {
    loader.close();
  }
}
