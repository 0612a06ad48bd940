package dev.winnow.jobs.ingest.html;

/**
 * One block of text between block-level boundaries, with the features jusText classifies on.
 *
 * <p>The structural features are fixed at split time; the word counts are filled in once the
 * page's language is known, and the two class fields by {@link ParagraphClassifier}.
 */
final class Paragraph {

    /** Whitespace-normalised text, never empty. */
    final String text;

    /** Tag path at the paragraph's start, e.g. {@code html.body.div.h2} (truncated when deep). */
    final String domPath;

    /** Length of {@link #text} in code points (what jusText's {@code len()} measures). */
    final int length;

    /** Code points of {@link #text} that came from inside {@code <a>} elements. */
    final int linkChars;

    /** Started inside an h1-h6 element. */
    final boolean heading;

    /** Started inside a {@code <select>} (option lists are never content). */
    final boolean inSelect;

    int wordCount;
    int stopWordCount;

    /** Result of the context-free pass. */
    ParagraphClass cfClass;

    /** Final class after the context-sensitive pass. */
    ParagraphClass classType;

    Paragraph(String text, String domPath, int linkChars, boolean heading, boolean inSelect) {
        this.text = text;
        this.domPath = domPath;
        this.length = text.codePointCount(0, text.length());
        this.linkChars = Math.min(linkChars, length);
        this.heading = heading;
        this.inSelect = inSelect;
    }

    double linkDensity() {
        return length == 0 ? 0.0 : (double) linkChars / length;
    }

    double stopWordDensity() {
        return wordCount == 0 ? 0.0 : (double) stopWordCount / wordCount;
    }

    boolean isGood() {
        return classType == ParagraphClass.GOOD;
    }

    @Override
    public String toString() {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return classType + "(cf=" + cfClass + ", " + domPath + (heading ? ", heading" : "")
                + ", len=" + length + ", links=" + linkChars + ", words=" + wordCount
                + ", stop=" + stopWordCount + "): " + shown;
    }
}
