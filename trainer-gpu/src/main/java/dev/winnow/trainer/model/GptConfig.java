package dev.winnow.trainer.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a GPT-2-style decoder: layers, hidden size, attention heads, sequence length and
 * vocabulary. {@code paddedVocab} rounds the vocabulary up so that every tensor-parallel rank's
 * slice is aligned ({@link #padVocab}); the padded rows are never a target and are masked out of
 * the softmax.
 */
public record GptConfig(String name, int layers, int hidden, int heads, int seqLen, int vocab,
    int paddedVocab) {

  public GptConfig {
    require(layers > 0, "layers must be > 0, got " + layers);
    require(hidden > 0, "hidden must be > 0, got " + hidden);
    require(heads > 0 && hidden % heads == 0,
        "hidden (" + hidden + ") must be a multiple of heads (" + heads + ")");
    require(seqLen > 0, "seq-len must be > 0, got " + seqLen);
    require(vocab > 0, "vocab must be > 0, got " + vocab);
    require(paddedVocab >= vocab,
        "padded vocab (" + paddedVocab + ") must be at least vocab (" + vocab + ")");
  }

  /** GPT-2's byte-pair vocabulary (r50k_base), end-of-document included. */
  public static final int GPT2_VOCAB = 50257;

  /** The built-in shapes, by name. */
  public static Map<String, GptConfig> builtIn() {
    Map<String, GptConfig> m = new LinkedHashMap<>();
    // A model this machine's CPUs train in minutes (issue 10's small model).
    m.put("small-6l-384", new GptConfig("small-6l-384", 6, 384, 6, 256, GPT2_VOCAB,
        padVocab(GPT2_VOCAB, 128)));
    // GPT-2 small / GPT-3 125M: the GPU backend's throughput model.
    m.put("gpt2-124m", new GptConfig("gpt2-124m", 12, 768, 12, 1024, GPT2_VOCAB,
        padVocab(GPT2_VOCAB, 128)));
    // MT-NLG 530B (paper §3: 105 layers, 20480 hidden, 128 heads, seq 2048); vocab 50272 is
    // the padded size the issue gives for it.
    m.put("mt-nlg-530b", new GptConfig("mt-nlg-530b", 105, 20480, 128, 2048, GPT2_VOCAB, 50272));
    return m;
  }

  public static GptConfig named(String name) {
    GptConfig c = builtIn().get(name.toLowerCase(Locale.ROOT));
    if (c == null) {
      throw new IllegalArgumentException(
          "unknown model '" + name + "'; built-in models: " + builtIn().keySet());
    }
    return c;
  }

  /** {@code vocab} rounded up to a multiple of {@code multiple}. */
  public static int padVocab(int vocab, int multiple) {
    require(multiple > 0, "pad multiple must be > 0");
    return (vocab + multiple - 1) / multiple * multiple;
  }

  public int headSize() {
    return hidden / heads;
  }

  /**
   * Parameters, embeddings included (output tied to the token embedding): per layer 12H² + 13H
   * (QKV 3H²+3H, attention-out H²+H, MLP 8H²+5H, two LayerNorms 4H); plus V·H + S·H + 2H.
   */
  public long parameters() {
    long h = hidden;
    return layers * (12 * h * h + 13 * h) + (long) paddedVocab * h + (long) seqLen * h + 2 * h;
  }

  /**
   * Floating-point operations to train on one token (forward + backward = 3 × forward): 6 per
   * parameter that multiplies (every parameter but the position table; the token embedding
   * counts once, as the output head), plus causal attention's score and weighted-sum products,
   * 2·H·T/2 each forward per layer (a position attends to T/2 others on average), ×3.
   */
  public double trainingFlopsPerToken() {
    double matmulParams = parameters() - (double) seqLen * hidden;
    return 6 * matmulParams + 6.0 * layers * hidden * seqLen;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
