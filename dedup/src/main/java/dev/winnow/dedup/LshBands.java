package dev.winnow.dedup;

/**
 * Locality-sensitive hashing of MinHash signatures: the signature is cut into {@code bands}
 * bands of {@code rows} values, and each band hashes to one 64-bit key. Two documents of
 * Jaccard similarity J share at least one band key with probability 1 − (1 − J^rows)^bands
 * (the S-curve), whose steepest point is near (1/bands)^(1/rows).
 */
public final class LshBands {
    private final int bands;
    private final int rows;

    public LshBands(int bands, int rows) {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be positive, got " + bands + " x " + rows);
        }
        if ((long) bands * rows > 100_000) {
            throw new IllegalArgumentException("bands x rows = " + (long) bands * rows + " hashes is too many");
        }
        this.bands = bands;
        this.rows = rows;
    }

    public int bands() {
        return bands;
    }

    public int rows() {
        return rows;
    }

    /** The signature length these bands need. */
    public int numHashes() {
        return bands * rows;
    }

    /** The key of band {@code band}; the band index is part of the hash, so keys of bands differ. */
    public long key(long[] signature, int band) {
        if (signature.length != numHashes()) {
            throw new IllegalArgumentException("signature has " + signature.length + " values, bands need " + numHashes());
        }
        return Hashing.combine(band, signature, band * rows, rows);
    }

    /** All band keys of a signature. */
    public long[] keys(long[] signature) {
        long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            keys[band] = key(signature, band);
        }
        return keys;
    }

    /** P(two documents of Jaccard similarity j share a band). */
    public double candidateProbability(double j) {
        return 1 - Math.pow(1 - Math.pow(j, rows), bands);
    }

    /** The similarity where the S-curve is steepest, (1/bands)^(1/rows). */
    public double threshold() {
        return Math.pow(1.0 / bands, 1.0 / rows);
    }

    @Override
    public String toString() {
        return bands + " x " + rows;
    }
}
