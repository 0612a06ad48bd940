package dev.winnow.trainer.run;

import dev.winnow.blending.Gpt2Tokenizer;
import dev.winnow.trainer.data.BatchSchedule;
import dev.winnow.trainer.train.BatchSource;
import dev.winnow.trainer.train.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches from text datasets ({@link TextDocuments}), GPT-2 BPE tokenized, each document
 * followed by end-of-document, concatenated in dataset order, and cut into consecutive
 * windows of {@code seqLen + 1} tokens overlapping by one (repeating from the start when it
 * runs out). The last {@code validationFraction} of the tokens are held out for validation.
 * A stand-in for the blend-shard loader until it is merged; the trainer sees only
 * {@link BatchSource}.
 */
public final class TextBatchSource implements BatchSource {
  private final int[] stream;
  private final int seqLen;
  private final BatchSchedule batch;
  private long windows;

  private TextBatchSource(int[] stream, int seqLen, BatchSchedule batch) {
    if (stream.length < seqLen + 1) {
      throw new IllegalArgumentException("only " + stream.length + " tokens, fewer than one "
          + "window of " + (seqLen + 1));
    }
    this.stream = stream;
    this.seqLen = seqLen;
    this.batch = batch;
  }

  /** The training and validation sources over the folder's text. */
  public static TextBatchSource[] open(List<TextDocuments> datasets, int seqLen,
      BatchSchedule batch, int validationRows, double validationFraction) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be in (0, 1), got " + validationFraction);
    }
    int[] all = tokens(datasets);
    int split = (int) Math.round(all.length * (1 - validationFraction));
    int[] train = java.util.Arrays.copyOfRange(all, 0, split);
    int[] val = java.util.Arrays.copyOfRange(all, split, all.length);
    return new TextBatchSource[] {new TextBatchSource(train, seqLen, batch),
        new TextBatchSource(val, seqLen, BatchSchedule.constant(validationRows))};
  }

  static int[] tokens(List<TextDocuments> datasets) {
    List<int[]> docs = new ArrayList<>();
    int total = 0;
    for (TextDocuments d : datasets) {
      for (String text : d.read()) {
        int[] ids = Gpt2Tokenizer.shared().encode(text);
        docs.add(ids);
        total += ids.length + 1;
      }
    }
    int[] out = new int[total];
    int at = 0;
    for (int[] d : docs) {
      System.arraycopy(d, 0, out, at, d.length);
      at += d.length;
      out[at++] = Gpt2Tokenizer.END_OF_DOCUMENT;
    }
    return out;
  }

  /** Tokens in this source's stream. */
  public int tokenCount() {
    return stream.length;
  }

  @Override
  public TokenBatch next() {
    int rows = batch.globalBatchSize(windows);
    int perPass = (stream.length - 1) / seqLen;
    int[][] tokens = new int[rows][];
    for (int r = 0; r < rows; r++) {
      int start = (int) ((windows++ % perPass) * seqLen);
      tokens[r] = java.util.Arrays.copyOfRange(stream, start, start + seqLen + 1);
    }
    return new TokenBatch(tokens, null);
  }

  @Override
  public String state() {
    return Long.toString(windows);
  }

  @Override
  public void restore(String state) {
    windows = Long.parseLong(state);
  }
}
