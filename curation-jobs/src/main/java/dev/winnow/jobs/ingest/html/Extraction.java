package dev.winnow.jobs.ingest.html;

import java.io.Serializable;
import java.util.Objects;

/**
 * Result of running jusText on one page.
 *
 * @param text the good paragraphs joined by a blank line ({@code "\n\n"}); empty when none
 * @param language ISO 639-1 code of the stop-word list used, or {@code null} when the page had
 *     no words at all
 * @param paragraphs number of non-empty paragraphs the page was split into
 * @param goodParagraphs number of those classified as good (the ones in {@code text})
 */
public record Extraction(String text, String language, int paragraphs, int goodParagraphs)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public Extraction {
        Objects.requireNonNull(text, "text");
    }

    static Extraction empty() {
        return new Extraction("", null, 0, 0);
    }

    /** True when nothing survived the boilerplate filter. */
    public boolean isEmpty() {
        return text.isEmpty();
    }
}
