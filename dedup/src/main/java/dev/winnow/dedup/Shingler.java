package dev.winnow.dedup;

/**
 * Turns a text into its set of shingles, each a 64-bit hash, sorted and distinct: word n-grams of
 * lower-cased Unicode word tokens (Lucene's StandardTokenizer's, found by
 * {@link WordTokenizer}), or character n-grams. A text shorter than one shingle is one
 * shingle of all it has, so short texts still compare; a text with no tokens has no shingles.
 *
 * <p>Not thread-safe (it reuses its tokenizer and buffers): one per thread or partition.
 */
public final class Shingler {
    private final ShingleUnit unit;
    private final int size;
    private final LongList tokens = new LongList();
    private final LongList shingles = new LongList();
    private final WordTokenizer words = new WordTokenizer();
    private final WordTokenizer.TokenSink addWord = (chars, offset, length) -> tokens.add(Hashing.chars(chars, offset, length, true));

    public Shingler(ShingleUnit unit, int size) {
        if (size < 1 || size > 64) {
            throw new IllegalArgumentException("shingle size must be in [1, 64], got " + size);
        }
        this.unit = unit;
        this.size = size;
    }

    public ShingleUnit unit() {
        return unit;
    }

    public int size() {
        return size;
    }

    /** The text's shingle hashes, sorted ascending, without duplicates. */
    public long[] shingles(String text) {
        tokens.clear();
        if (unit == ShingleUnit.WORD) {
            wordHashes(text);
        } else {
            charCodes(text);
        }
        shingles.clear();
        int n = tokens.size();
        if (n == 0) {
            return new long[0];
        }
        int width = Math.min(size, n);
        for (int i = 0; i + width <= n; i++) {
            shingles.add(Hashing.combine(width, tokens.array(), i, width));
        }
        return shingles.sortedDistinct();
    }

    /** The number of word tokens (or code points, for char shingles) of the last text. */
    public int lastTokenCount() {
        return tokens.size();
    }

    private void wordHashes(String text) {
        words.tokenize(text, addWord);
    }

    /** Code points of the lower-cased text, whitespace runs as one space, trimmed. */
    private void charCodes(String text) {
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = tokens.size() > 0;
                continue;
            }
            if (pendingSpace) {
                tokens.add(' ');
                pendingSpace = false;
            }
            tokens.add(Character.toLowerCase(cp));
        }
    }
}
