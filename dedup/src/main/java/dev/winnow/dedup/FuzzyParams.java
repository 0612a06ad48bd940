package dev.winnow.dedup;

/**
 * The settings of fuzzy deduplication. Defaults: word 5-grams, 20 bands × 13 rows (260 hashes,
 * NeMo Curator's, S-curve midpoint ≈ 0.79), Jaccard threshold 0.8, candidate edges verified.
 *
 * @param unit      word or char shingles
 * @param shingle   n of the n-grams
 * @param bands     LSH bands
 * @param rows      signature values per band
 * @param threshold Jaccard similarity from which two documents are duplicates (verification)
 * @param verify    check candidate edges by exact Jaccard of their shingle sets
 * @param seed      the MinHash permutations
 */
public record FuzzyParams(ShingleUnit unit, int shingle, int bands, int rows, double threshold, boolean verify,
                          long seed) implements java.io.Serializable {
    public static final FuzzyParams DEFAULT = new FuzzyParams(ShingleUnit.WORD, 5, 20, 13, 0.8, true, 42);

    public FuzzyParams {
        if (unit == null) {
            throw new IllegalArgumentException("shingle unit is required (word or char)");
        }
        if (shingle < 1 || shingle > 64) {
            throw new IllegalArgumentException("shingle size must be in [1, 64], got " + shingle);
        }
        if (bands < 1 || rows < 1 || (long) bands * rows > 100_000) {
            throw new IllegalArgumentException("bands and rows must be positive with bands x rows <= 100000, got "
                    + bands + " x " + rows);
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
    }

    public Shingler shingler() {
        return new Shingler(unit, shingle);
    }

    public MinHasher minHasher() {
        return new MinHasher(bands * rows, seed);
    }

    public LshBands lshBands() {
        return new LshBands(bands, rows);
    }
}
