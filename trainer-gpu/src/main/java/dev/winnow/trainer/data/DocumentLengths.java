package dev.winnow.trainer.data;

/**
 * Token counts of a dataset's documents (without the end-of-document token the loader appends), in
 * the order of the manifest's shards and their rows. The index builder needs only these: from a
 * {@link TokenStore} for a real blend, from a generator for the scale simulation.
 */
public interface DocumentLengths {
    int documents();

    int length(int document);

    /** Tokens of one epoch as the loader serves them: every document plus its end-of-document token. */
    default long tokensPerEpochWithEod() {
        long sum = 0;
        for (int d = 0, n = documents(); d < n; d++) {
            sum += length(d) + 1L;
        }
        return sum;
    }
}
