package dev.winnow.quality.fasttext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fastText's dictionary: words, then labels, with counts; and how a line of text becomes the
 * input rows of the model, exactly as fastText's {@code Dictionary::getLine} does for supervised
 * models (tokens split on ASCII whitespace, an end-of-sentence token, character n-grams when
 * {@code maxn > 0}, and hashed word n-grams up to {@code wordNgrams}).
 */
public final class FastTextDictionary {
    public static final String EOS = "</s>";
    static final byte TYPE_WORD = 0;
    static final byte TYPE_LABEL = 1;
    private static final long NGRAM_MULTIPLIER = 116049371L;

    private final FastTextArgs args;
    private final String[] entries;
    private final long[] counts;
    private final byte[] types;
    private final int nwords;
    private final int nlabels;
    private final long ntokens;
    /** Bucket remapping of a quantized (pruned) model; null when not pruned (fastText's size −1). */
    private final Map<Integer, Integer> pruneIndex;
    private final long pruneIndexSize;
    private final WordTable table;
    private final int eos;

    FastTextDictionary(FastTextArgs args, String[] entries, long[] counts, byte[] types, int nwords, int nlabels,
            long ntokens, Map<Integer, Integer> pruneIndex, long pruneIndexSize) {
        this.args = args;
        this.entries = entries;
        this.counts = counts;
        this.types = types;
        this.nwords = nwords;
        this.nlabels = nlabels;
        this.ntokens = ntokens;
        this.pruneIndex = pruneIndex;
        this.pruneIndexSize = pruneIndexSize;
        int[] hashes = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            hashes[i] = hash(entries[i]);
        }
        this.table = new WordTable(entries, hashes);
        this.eos = id(EOS);
    }

    /** A dictionary built by training: words (most frequent first) then labels. */
    static FastTextDictionary of(FastTextArgs args, List<String> words, long[] wordCounts, List<String> labels,
            long[] labelCounts, long ntokens) {
        int n = words.size() + labels.size();
        String[] entries = new String[n];
        long[] counts = new long[n];
        byte[] types = new byte[n];
        for (int i = 0; i < words.size(); i++) {
            entries[i] = words.get(i);
            counts[i] = wordCounts[i];
            types[i] = TYPE_WORD;
        }
        for (int i = 0; i < labels.size(); i++) {
            entries[words.size() + i] = labels.get(i);
            counts[words.size() + i] = labelCounts[i];
            types[words.size() + i] = TYPE_LABEL;
        }
        return new FastTextDictionary(args, entries, counts, types, words.size(), labels.size(), ntokens, null, -1);
    }

    static FastTextDictionary read(FastTextArgs args, LittleEndianInput in) throws IOException {
        int size = in.readInt();
        int nwords = in.readInt();
        int nlabels = in.readInt();
        long ntokens = in.readLong();
        long pruneIndexSize = in.readLong();
        if (size < 0 || nwords < 0 || nlabels < 0 || nwords + nlabels != size) {
            throw new IOException("fastText model: bad dictionary sizes (size " + size + ", words " + nwords
                    + ", labels " + nlabels + ")");
        }
        String[] entries = new String[size];
        long[] counts = new long[size];
        byte[] types = new byte[size];
        for (int i = 0; i < size; i++) {
            entries[i] = in.readCString();
            counts[i] = in.readLong();
            types[i] = in.readByte();
        }
        Map<Integer, Integer> prune = null;
        if (pruneIndexSize > 0) {
            prune = new HashMap<>();
            for (long i = 0; i < pruneIndexSize; i++) {
                prune.put(in.readInt(), in.readInt());
            }
        }
        return new FastTextDictionary(args, entries, counts, types, nwords, nlabels, ntokens, prune, pruneIndexSize);
    }

    void write(LittleEndianOutput out) throws IOException {
        out.writeInt(entries.length);
        out.writeInt(nwords);
        out.writeInt(nlabels);
        out.writeLong(ntokens);
        out.writeLong(pruneIndexSize);
        for (int i = 0; i < entries.length; i++) {
            out.writeCString(entries[i]);
            out.writeLong(counts[i]);
            out.writeByte(types[i]);
        }
        if (pruneIndex != null) {
            for (Map.Entry<Integer, Integer> e : pruneIndex.entrySet()) {
                out.writeInt(e.getKey());
                out.writeInt(e.getValue());
            }
        }
    }

    public int words() {
        return nwords;
    }

    public int labels() {
        return nlabels;
    }

    /** The label's name ({@code __label__hq}); index 0..labels-1. */
    public String label(int index) {
        return entries[nwords + index];
    }

    /** Whether quantization pruned the dictionary (fastText's pruneidx_size >= 0). */
    public boolean pruned() {
        return pruneIndexSize >= 0;
    }

    /** Tokens in the training data (fastText's ntokens). */
    public long tokens() {
        return ntokens;
    }

    public long labelCount(int index) {
        return counts[nwords + index];
    }

    /** Id of a word or label, −1 when absent. */
    public int id(String token) {
        return table.find(token, 0, token.length(), hash(token));
    }

    /** fastText's hash: 32-bit FNV-1a over the UTF-8 bytes, each byte sign-extended (C++ char). */
    static int hash(byte[] bytes, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 16777619;
        }
        return h;
    }

    static int hash(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        return hash(bytes, 0, bytes.length);
    }

    /** Tokens of a line as fastText reads them: split on ASCII whitespace, then {@code </s>}. */
    public static List<String> tokens(String line) {
        List<String> tokens = new java.util.ArrayList<>();
        for (int start = skipSpaces(line, 0); start < line.length(); ) {
            int end = tokenEnd(line, start);
            tokens.add(line.substring(start, end));
            start = skipSpaces(line, end);
        }
        tokens.add(EOS);
        return tokens;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String text, int i) {
        while (i < text.length() && !isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The input rows for one line of text (no newline inside), appended to {@code rows}; labels
     * in the line (tokens that are labels) go to {@code labels} when it is not null. Returns the
     * number of tokens read, as fastText counts them for its learning-rate schedule.
     *
     * <p>Scoring runs this once per document, so tokens are not cut out as strings: each one's
     * hash is computed from its characters and looked up in a table keyed by that hash.
     */
    public int line(String text, IntList rows, IntList labels) {
        IntList[] scratch = SCRATCH.get();
        IntList tokens = scratch[0]; // start, end, hash of each token
        tokens.reset();
        for (int start = skipSpaces(text, 0), i; start < text.length(); start = skipSpaces(text, i)) {
            i = tokenEnd(text, start);
            tokens.add(start);
            tokens.add(i);
            tokens.add(hash(text, start, i));
        }
        table.readAhead(tokens);
        IntList hashes = scratch[1];
        hashes.reset();
        for (int k = 0; k < tokens.size(); k += 3) {
            int start = tokens.get(k);
            int i = tokens.get(k + 1);
            int h = tokens.get(k + 2);
            int id = table.find(text, start, i, h);
            boolean label = id >= 0 ? types[id] == TYPE_LABEL : text.startsWith(LABEL, start);
            if (!label) {
                if (id >= 0) {
                    rows.add(id);
                }
                if (args.maxn() > 0) {
                    charNgrams("<" + text.substring(start, i) + ">", rows);
                }
                hashes.add(h);
            } else if (id >= 0 && labels != null) {
                labels.add(id - nwords);
            }
        }
        if (eos >= 0) {
            rows.add(eos);
        }
        hashes.add(EOS_HASH);
        addWordNgrams(rows, hashes);
        return tokens.size() / 3 + 1; // the tokens and </s>
    }

    /** A thread's token and hash lists, reused line after line (they grew by copying on every line). */
    private static final ThreadLocal<IntList[]> SCRATCH =
            ThreadLocal.withInitial(() -> new IntList[] {new IntList(), new IntList()});
    private static final String LABEL = "__label__";
    private static final int EOS_HASH = hash(EOS);

    /** fastText's hash of text[from, to) as UTF-8, without building the string. */
    static int hash(String text, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                h = (h ^ c) * 16777619;
            } else if (c < 0x800) {
                h = (h ^ (byte) (0xC0 | (c >> 6))) * 16777619;
                h = (h ^ (byte) (0x80 | (c & 0x3F))) * 16777619;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                h = (h ^ (byte) (0xF0 | (cp >> 18))) * 16777619;
                h = (h ^ (byte) (0x80 | ((cp >> 12) & 0x3F))) * 16777619;
                h = (h ^ (byte) (0x80 | ((cp >> 6) & 0x3F))) * 16777619;
                h = (h ^ (byte) (0x80 | (cp & 0x3F))) * 16777619;
            } else if (Character.isSurrogate(c)) {
                h = (h ^ '?') * 16777619; // what String.getBytes(UTF_8) writes for a lone surrogate
            } else {
                h = (h ^ (byte) (0xE0 | (c >> 12))) * 16777619;
                h = (h ^ (byte) (0x80 | ((c >> 6) & 0x3F))) * 16777619;
                h = (h ^ (byte) (0x80 | (c & 0x3F))) * 16777619;
            }
        }
        return h;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == 0;
    }

    /** fastText's computeSubwords: n-grams of minn..maxn UTF-8 characters, hashed into buckets. */
    private void charNgrams(String word, IntList rows) {
        if (args.maxn() <= 0) {
            return;
        }
        byte[] w = word.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < w.length; i++) {
            if ((w[i] & 0xC0) == 0x80) {
                continue;
            }
            int j = i;
            for (int n = 1; j < w.length && n <= args.maxn(); n++) {
                j++;
                while (j < w.length && (w[j] & 0xC0) == 0x80) {
                    j++;
                }
                if (n >= args.minn() && !(n == 1 && (i == 0 || j == w.length))) {
                    pushHash(rows, Integer.remainderUnsigned(hash(w, i, j), args.bucket()));
                }
            }
        }
    }

    /**
     * fastText keeps the word hashes as int32 and widens them to uint64 with sign extension
     * ({@code uint64_t h = hashes[i]}), so a hash with the top bit set becomes 0xFFFFFFFF…: the
     * same here, or the bucket ids would differ from the C++ ones.
     */
    private void addWordNgrams(IntList rows, IntList hashes) {
        for (int i = 0; i < hashes.size(); i++) {
            long h = hashes.get(i);
            for (int j = i + 1; j < hashes.size() && j < i + args.wordNgrams(); j++) {
                h = h * NGRAM_MULTIPLIER + hashes.get(j);
                pushHash(rows, (int) Long.remainderUnsigned(h, args.bucket()));
            }
        }
    }

    private void pushHash(IntList rows, int bucket) {
        if (pruneIndexSize == 0 || bucket < 0) {
            return;
        }
        if (pruneIndexSize > 0) {
            Integer remapped = pruneIndex.get(bucket);
            if (remapped == null) {
                return;
            }
            bucket = remapped;
        }
        rows.add(nwords + bucket);
    }
}
