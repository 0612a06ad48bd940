package dev.winnow.dedup;

import java.util.Locale;

/** What a shingle is made of. */
public enum ShingleUnit {
    /** Word n-grams over Unicode word-boundary tokens (Lucene StandardTokenizer), lower-cased. */
    WORD,
    /** Character n-grams (code points) of the lower-cased text with whitespace runs as one space. */
    CHAR;

    public static ShingleUnit parse(String name) {
        for (ShingleUnit u : values()) {
            if (u.name().equalsIgnoreCase(name.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown shingle unit '" + name + "'; use word or char");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
