package dev.winnow.dedup.decontam;

import java.util.List;

/**
 * What cutting did to one document that contains task n-grams.
 *
 * @param pieces         the text between cuts that was not empty after trimming whitespace, in
 *                       order, numbered from 0; kept or dropped (too short)
 * @param cuts           the removed spans around matches, in order
 * @param dropReason     why the whole document is dropped, or null when some pieces are kept
 * @param primaryTask    the task with most matches (ties: lower number): the reason for a whole drop
 * @param charsRemoved   per task (index number): code points of the document not in a kept piece
 *                       that this task's matches caused to go; sums to the document's length minus
 *                       the kept pieces
 */
public record CutOutcome(List<Piece> pieces, List<Cut> cuts, DropReason dropReason, int primaryTask,
                         long[] charsRemoved) {

    /** Why a whole document goes. */
    public enum DropReason {
        /** More pieces are left than {@code maxPieces}. */
        TOO_MANY_PIECES,
        /** Every piece left is shorter than {@code minPieceChars}. */
        NOTHING_LEFT
    }

    /**
     * A piece of the document between cuts, {@code [start, end)} in chars of the original text,
     * whitespace at both edges trimmed.
     *
     * @param task for a dropped piece, the task of the cut next to it (the one after it, or the one
     *             before it for the last piece)
     */
    public record Piece(int number, int start, int end, int codePoints, boolean kept, int task) {
    }

    /**
     * A removed span {@code [start, end)} in chars: a match plus context on both sides, widened to
     * sentence ends.
     *
     * @param match the index of the match (in its {@link NgramMatches}) that caused it
     */
    public record Cut(int start, int end, int match, int task) {
    }

    public boolean droppedWhole() {
        return dropReason != null;
    }

    /** Pieces kept as documents (none when the document is dropped whole). */
    public List<Piece> keptPieces() {
        return droppedWhole() ? List.of() : pieces.stream().filter(Piece::kept).toList();
    }

    /** Code points removed from the document in all. */
    public long totalCharsRemoved() {
        long sum = 0;
        for (long c : charsRemoved) {
            sum += c;
        }
        return sum;
    }
}
