package dev.winnow.blending;

/**
 * One dataset of a blend.
 *
 * @param name          the dataset name, as the pipeline's {@code datasets} call it
 * @param weight        its share of the training tokens (the weights of a blend sum to 1)
 * @param epochCap      at most this many epochs of it, or null; the weight it cannot use goes to
 *                      the others in proportion to their weights
 * @param recordedTokens its size in tokens as a source reports it (the paper's table), or null:
 *                      what {@code blend plan} uses before any run has counted it
 * @param recordedEpochs the epochs the source reports, or null (shown beside the computed ones)
 */
public record DatasetWeight(String name, double weight, Double epochCap, Double recordedTokens, Double recordedEpochs) {
    public DatasetWeight {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a blend dataset needs a name");
        }
        if (!(weight > 0) || weight > 1) {
            throw new IllegalArgumentException("dataset " + name + ": weight " + weight + " must be in (0, 1]");
        }
        if (epochCap != null && !(epochCap > 0)) {
            throw new IllegalArgumentException("dataset " + name + ": epoch-cap " + epochCap + " must be > 0");
        }
        if (recordedTokens != null && !(recordedTokens > 0)) {
            throw new IllegalArgumentException("dataset " + name + ": tokens " + recordedTokens + " must be > 0");
        }
    }
}
