package dev.winnow.trainer.run;

import dev.winnow.trainer.data.BatchLoader;
import dev.winnow.trainer.data.BatchSchedule;
import dev.winnow.trainer.data.BlendFolder;
import dev.winnow.trainer.data.BlendedSamples;
import dev.winnow.trainer.data.DataParallelSampler;
import dev.winnow.trainer.data.IndexSpec;
import dev.winnow.trainer.data.MicroBatch;
import dev.winnow.trainer.data.ShardVerification;
import dev.winnow.trainer.data.StepBatch;
import dev.winnow.trainer.train.BatchSource;
import dev.winnow.trainer.train.TokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer's batches from a blend folder, through the data loader: each step's global batch
 * (the {@link dev.winnow.trainer.train.Trainer} splits it across data-parallel ranks itself, so the loader runs as one
 * rank), with the loss mask after end-of-document tokens. The state is the consumed-sample count,
 * so a restored run reads exactly the samples that would have come next.
 *
 * <p>Validation batches are the index's samples past the last one training reaches: windows the
 * run never trains on (in a blend of several epochs they share documents with training).
 */
final class BlendBatchSource implements BatchSource, AutoCloseable {
  private static final int PREFETCH_STEPS = 4;

  private final BlendedSamples samples;
  private final DataParallelSampler sampler;
  private final long trainSamples;
  private BatchLoader loader;
  private long consumed;

  private BlendBatchSource(BlendedSamples samples, DataParallelSampler sampler,
      long trainSamples) {
    this.samples = samples;
    this.sampler = sampler;
    this.trainSamples = trainSamples;
    loader = new BatchLoader(samples, sampler, 0, true, PREFETCH_STEPS);
  }

  /**
   * Opens {@code blend} (its index cached under {@code cache}) for {@code steps} steps of the
   * {@code ramp}'s batches of {@code seqLen}-token windows in micro-batches of {@code microBatch}
   * rows, plus {@code validationRows} held-out windows.
   */
  static BlendBatchSource open(Path blend, Path cache, long seed, int seqLen, BatchRamp ramp,
      int steps, int microBatch, int validationRows) {
    BatchSchedule schedule = new BatchSchedule(ramp.startRows(), ramp.incrementRows(),
        ramp.rampTokens() / seqLen, ramp.endRows());
    long train = 0;
    for (int s = 0; s < steps; s++) {
      train += schedule.globalBatchSize(train);
    }
    BlendFolder folder = BlendFolder.open(blend, ShardVerification.LAZY);
    BlendedSamples samples = BlendedSamples.open(folder, cache,
        new IndexSpec(seqLen, seed, train + validationRows));
    return new BlendBatchSource(samples, new DataParallelSampler(schedule, microBatch, 0, 1, train),
        train);
  }

  /** {@code batches} held-out batches of {@code rows} windows each. */
  List<TokenBatch> validation(int batches, int rows) {
    List<TokenBatch> out = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      long[] ids = new long[rows];
      for (int r = 0; r < rows; r++) {
        ids[r] = trainSamples + (long) b * rows + r;
      }
      out.add(tokenBatch(List.of(MicroBatch.read(samples, ids, true))));
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

  @Override
  public String state() {
    return Long.toString(consumed);
  }

  @Override
  public void restore(String state) {
    long at = Long.parseLong(state);
    loader.close();
    loader = new BatchLoader(samples, sampler, at, true, PREFETCH_STEPS);
    consumed = at;
  }

  @Override
  public void close() {
    loader.close();
  }
}
