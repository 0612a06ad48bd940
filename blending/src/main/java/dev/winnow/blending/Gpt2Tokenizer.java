package dev.winnow.blending;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level BPE (OpenAI's {@code r50k_base}): the vocabulary Megatron and MT-NLG train
 * with. Text is split as GPT-2's pre-tokenizer pattern splits it (Unicode classes, as Python's
 * {@code regex} reads it; {@link Gpt2PreTokenizer}), each piece's UTF-8 bytes are merged by
 * {@link BytePairMerge} over {@link TokenRanks}.
 * The vocabulary file is the one jtokkit ships; the encoder is ours because jtokkit's rank maps
 * of byte arrays spent about half of the blend stage's tokenizing in degenerate hash bins. Text is
 * encoded as ordinary text: a literal {@code <|endoftext|>} in a document is tokens like any
 * other, never the end-of-document id, which only the loader inserts between documents.
 * Thread-safe (per-thread buffers).
 */
public final class Gpt2Tokenizer {
    public static final String NAME = "gpt2-bpe (r50k_base)";
    public static final int VOCAB_SIZE = 50257;
    public static final int END_OF_DOCUMENT = 50256;
    static final String VOCABULARY = "/com/knuddels/jtokkit/r50k_base.tiktoken";
    private static final byte[] END_OF_DOCUMENT_TEXT = "<|endoftext|>".getBytes(StandardCharsets.UTF_8);

    private static final Gpt2Tokenizer SHARED = new Gpt2Tokenizer();

    private final TokenRanks ranks;
    private final ThreadLocal<Encoder> encoders;

    private Gpt2Tokenizer() {
        try (InputStream in = Gpt2Tokenizer.class.getResourceAsStream(VOCABULARY)) {
            if (in == null) {
                throw new IllegalStateException("GPT-2 vocabulary " + VOCABULARY + " is not on the classpath (jtokkit's jar ships it)");
            }
            ranks = TokenRanks.readTiktoken(in, VOCABULARY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + VOCABULARY, e);
        }
        if (ranks.size() != END_OF_DOCUMENT) {
            throw new IllegalStateException(VOCABULARY + " has " + ranks.size() + " tokens, GPT-2 has " + END_OF_DOCUMENT);
        }
        encoders = ThreadLocal.withInitial(() -> new Encoder(ranks));
    }

    /** The one instance per JVM (loading the vocabulary takes a moment). */
    public static Gpt2Tokenizer shared() {
        return SHARED;
    }

    public int[] encode(String text) {
        return encoders.get().encode(text);
    }

    /** The text of {@code ids}: their bytes as UTF-8, malformed sequences replaced (U+FFFD). */
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        byte[] token = new byte[256];
        for (int id : ids) {
            if (id == END_OF_DOCUMENT) {
                out.writeBytes(END_OF_DOCUMENT_TEXT);
            } else if (id >= 0 && id < ranks.size()) {
                if (token.length < ranks.length(id)) {
                    token = new byte[ranks.length(id)];
                }
                out.write(token, 0, ranks.copyBytes(id, token, 0));
            } else {
                throw new IllegalArgumentException("token id " + id + " is not in GPT-2's vocabulary [0, " + VOCAB_SIZE + ")");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One thread's state: the piece's bytes, the merge and the ids. */
    private static final class Encoder {
        private final BytePairMerge merge;
        private final IdBuffer ids = new IdBuffer();
        private byte[] piece = new byte[256];

        Encoder(TokenRanks ranks) {
            merge = new BytePairMerge(ranks);
        }

        int[] encode(String text) {
            ids.clear();
            for (int start = 0, end; start < text.length(); start = end) {
                end = Gpt2PreTokenizer.end(text, start);
                int n = utf8(text, start, end); // may replace piece: read the field after it
                merge.encode(piece, n, ids);
            }
            int[] out = ids.toArray();
            ids.clear();
            if (piece.length > BytePairMerge.KEPT_ENTRIES) {
                piece = new byte[256]; // not pinned to the thread by one huge piece
            }
            return out;
        }

        /**
         * {@code text[from, to)} as UTF-8 into {@link #piece}, as {@code String.getBytes(UTF_8)} of
         * that substring writes it: a surrogate without its pair becomes '?'.
         */
        private int utf8(String text, int from, int to) {
            if (piece.length < (to - from) * 3) {
                piece = new byte[(to - from) * 3];
            }
            byte[] b = piece;
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    b[n++] = (byte) c;
                } else if (c < 0x800) {
                    b[n++] = (byte) (0xC0 | c >> 6);
                    b[n++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, text.charAt(++i));
                    b[n++] = (byte) (0xF0 | cp >> 18);
                    b[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[n++] = (byte) (0x80 | cp & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    b[n++] = '?';
                } else {
                    b[n++] = (byte) (0xE0 | c >> 12);
                    b[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[n++] = (byte) (0x80 | c & 0x3F);
                }
            }
            return n;
        }
    }
}
