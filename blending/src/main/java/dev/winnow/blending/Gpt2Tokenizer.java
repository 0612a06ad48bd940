package dev.winnow.blending;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/**
 * GPT-2's byte-level BPE (OpenAI's {@code r50k_base}, jtokkit): the vocabulary Megatron and MT-NLG
 * train with. Text is encoded as ordinary text: a literal {@code <|endoftext|>} in a document is
 * tokens like any other, never the end-of-document id, which only the loader inserts between
 * documents. Thread-safe.
 */
public final class Gpt2Tokenizer {
    public static final String NAME = "gpt2-bpe (r50k_base)";
    public static final int VOCAB_SIZE = 50257;
    public static final int END_OF_DOCUMENT = 50256;

    private static final Gpt2Tokenizer SHARED = new Gpt2Tokenizer();

    private final Encoding encoding;

    private Gpt2Tokenizer() {
        encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    }

    /** The one instance per JVM (loading the merges takes a moment; encoding is thread-safe). */
    public static Gpt2Tokenizer shared() {
        return SHARED;
    }

    public int[] encode(String text) {
        IntArrayList ids = encoding.encodeOrdinary(text);
        return ids.toArray();
    }

    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return encoding.decode(list);
    }
}
