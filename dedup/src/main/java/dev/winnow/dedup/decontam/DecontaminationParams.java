package dev.winnow.dedup.decontam;

import java.io.Serializable;

/**
 * The decontamination rule (Megatron's {@code filter_ngrams.py}, GPT-3 appendix C), every number
 * configurable.
 *
 * @param ngram             task texts are indexed as n-grams of this many words (13)
 * @param minWords          a task text of {@code minWords .. ngram - 1} words is one n-gram, matched
 *                          whole; shorter task texts are not indexed (8)
 * @param contextChars      characters removed on each side of a match before looking for the
 *                          sentence end (200)
 * @param sentenceEnds      the characters that end a sentence (".!?")
 * @param minPieceChars     a piece left after cutting that is shorter than this (code points,
 *                          whitespace at its edges trimmed) is dropped (200)
 * @param maxPieces         a document left in more pieces than this is dropped whole (10)
 * @param frequentDocuments a task n-gram found in at least this many training documents is too
 *                          common to mean contamination and is ignored (10); 0 never ignores
 */
public record DecontaminationParams(int ngram, int minWords, int contextChars, String sentenceEnds,
                                    int minPieceChars, int maxPieces, int frequentDocuments) implements Serializable {
    /** The defaults of MT-NLG / Megatron. */
    public static final DecontaminationParams MEGATRON = new DecontaminationParams(13, 8, 200, ".!?", 200, 10, 10);

    public DecontaminationParams {
        require(ngram >= 1 && ngram <= 64, "ngram", ngram, "must be 1..64");
        require(minWords >= 1 && minWords <= ngram, "min-words", minWords, "must be 1..ngram (" + ngram + ")");
        require(contextChars >= 0, "context-chars", contextChars, "must be >= 0");
        require(minPieceChars >= 0, "min-piece-chars", minPieceChars, "must be >= 0");
        require(maxPieces >= 1, "max-pieces", maxPieces, "must be >= 1");
        require(frequentDocuments >= 0, "frequent-documents", frequentDocuments, "must be >= 0 (0: never ignore)");
        if (sentenceEnds == null || sentenceEnds.isEmpty()) {
            throw new IllegalArgumentException("sentence-ends must name at least one character");
        }
    }

    private static void require(boolean ok, String name, int value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(name + " = " + value + ": " + rule);
        }
    }

    /** Whether an n-gram found in {@code documents} training documents is ignored as too common. */
    public boolean isFrequent(long documents) {
        return frequentDocuments > 0 && documents >= frequentDocuments;
    }
}
