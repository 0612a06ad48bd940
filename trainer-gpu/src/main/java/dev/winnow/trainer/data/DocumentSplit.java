package dev.winnow.trainer.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Which of a dataset's documents an index draws from: all of them, or one side of a document-level
 * train/validation split, so that validation windows come from documents training never reads
 * (Megatron splits by document too, {@code splits_string}). The held-out documents are
 * {@code round(validationFraction × documents)} (at most all but one), taken as a prefix of a
 * permutation seeded by the dataset's name alone: the same documents whatever the shuffle seed,
 * and a larger fraction holds out a superset.
 */
public record DocumentSplit(Part part, double validationFraction) {
    public enum Part { ALL, TRAIN, VALIDATION }

    public static final DocumentSplit ALL = new DocumentSplit(Part.ALL, 0);

    public DocumentSplit {
        if (part == Part.ALL ? validationFraction != 0 : !(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1) for a split (0 for all), got "
                    + validationFraction + " for " + part);
        }
    }

    public static DocumentSplit train(double validationFraction) {
        return new DocumentSplit(Part.TRAIN, validationFraction);
    }

    public static DocumentSplit validation(double validationFraction) {
        return new DocumentSplit(Part.VALIDATION, validationFraction);
    }

    /** Documents held out of a dataset of {@code documents}. */
    public static int heldOut(int documents, double validationFraction) {
        return (int) Math.min(Math.max(documents - 1, 0), Math.round(validationFraction * documents));
    }

    /** This side's documents of {@code all} (a dataset named {@code dataset}). */
    public DocumentLengths select(DocumentLengths all, String dataset) {
        if (part == Part.ALL) {
            return all;
        }
        int n = all.documents();
        int k = heldOut(n, validationFraction);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seedOf(dataset));
        for (int i = 0; i < k; i++) { // partial Fisher–Yates: the first k are a uniform k-subset
            int j = i + rng.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] members = part == Part.VALIDATION ? Arrays.copyOfRange(order, 0, k) : Arrays.copyOfRange(order, k, n);
        Arrays.sort(members);
        return new DocumentSubset(all, members);
    }

    private static long seedOf(String dataset) {
        byte[] hash = Sha256.digest().digest(("validation-split|" + dataset).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash).getLong();
    }

    /** Part of an index's cache key; empty for all documents, so those keys are unchanged. */
    String key() {
        return part == Part.ALL ? "" : "|" + part.name().toLowerCase(Locale.ROOT) + ":" + validationFraction;
    }
}
