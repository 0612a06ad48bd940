package dev.winnow.quality.lid;

/**
 * Detection options, validated.
 *
 * @param maxChars characters of a text that are scored at most; a longer text is sampled
 * @param windows how many evenly spread windows a long text is sampled in
 * @param maxOrder the longest n-gram used on short texts (1..5)
 * @param shortTextLetters texts with at most this many letters are scored with n-grams up to
 *     {@code maxOrder}; longer ones up to {@code longTextOrder}. Long n-grams matter on short
 *     text, where there is little evidence; on long text they add little accuracy for a lot of
 *     time (their tables are large, so every lookup is a cache miss)
 * @param longTextOrder the longest n-gram used on texts longer than {@code shortTextLetters}
 * @param shortlistMargin with {@code shortlistMarginPerLetter}: after scoring letters and
 *     letter pairs, candidates more than {@code shortlistMargin + shortlistMarginPerLetter ×
 *     letters} nats behind the best are no longer scored by the longer n-grams, which saves most
 *     of the work; with the defaults, accuracy on the Lingua sentence set moves by under 0.001
 * @param shortlistMarginPerLetter see {@code shortlistMargin}
 * @param temperature divides the log-likelihood differences before they become probabilities:
 *     n-gram models count letters as independent evidence, which makes raw posteriors
 *     overconfident. At 4, on the Lingua sentence set, detections with a confidence of 0.6–0.9
 *     are right about as often as they claim
 * @param topK how many candidates a {@link Detection} lists by default
 */
public record LidOptions(
        int maxChars, int windows, int maxOrder, int shortTextLetters, int longTextOrder, double shortlistMargin,
        double shortlistMarginPerLetter, double temperature, int topK) {
    public static final LidOptions DEFAULT = new LidOptions(2048, 8, 5, 80, 3, 6.0, 0.15, 4.0, 3);

    public LidOptions {
        require(maxChars >= 16, "maxChars must be at least 16, got " + maxChars);
        require(windows >= 1 && windows <= maxChars / 8, "windows must be in 1.." + maxChars / 8 + ", got " + windows);
        require(maxOrder >= 1 && maxOrder <= 5, "maxOrder must be in 1..5, got " + maxOrder);
        require(longTextOrder >= 1 && longTextOrder <= 5, "longTextOrder must be in 1..5, got " + longTextOrder);
        require(shortTextLetters >= 0, "shortTextLetters must be >= 0, got " + shortTextLetters);
        require(shortlistMargin >= 0 && shortlistMarginPerLetter >= 0, "shortlist margins must be >= 0");
        require(temperature > 0 && Double.isFinite(temperature), "temperature must be > 0, got " + temperature);
        require(topK >= 1, "topK must be at least 1, got " + topK);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public LidOptions withMaxChars(int value) {
        return new LidOptions(value, windows, maxOrder, shortTextLetters, longTextOrder, shortlistMargin, shortlistMarginPerLetter,
                temperature, topK);
    }

    public LidOptions withMaxOrder(int value) {
        return new LidOptions(maxChars, windows, value, shortTextLetters, longTextOrder, shortlistMargin, shortlistMarginPerLetter,
                temperature, topK);
    }

    /** The n-gram orders for short and long texts, and where long begins. */
    public LidOptions withOrders(int shortText, int shortTextLetters, int longText) {
        return new LidOptions(maxChars, windows, shortText, shortTextLetters, longText, shortlistMargin,
                shortlistMarginPerLetter, temperature, topK);
    }

    public LidOptions withTemperature(double value) {
        return new LidOptions(maxChars, windows, maxOrder, shortTextLetters, longTextOrder, shortlistMargin,
                shortlistMarginPerLetter, value, topK);
    }
}
