package dev.winnow.dedup;

import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of Lucene's {@link StandardTokenizer} (UAX#29 word boundaries; tokens of letters,
 * digits, ideographs, emoji...), the same tokens in the same order, with most of a Latin-script
 * text scanned here instead of by Lucene's scanner: 1.6-2.9 times its rate on the texts measured.
 *
 * <p>Why the split is exact. Lucene's scanner (a longest-match JFlex grammar) never puts a
 * separator (whitespace, most ASCII punctuation, dashes, double quotes: {@link WordClasses}) in a
 * token, and no rule starts with one, so it restarts right after each: the text falls into chunks
 * between separators that scan independently. In a chunk of {@link WordClasses known} characters
 * (ASCII, Latin letters up to U+024F, curly single quotes, common dashes and double quotes) the grammar reduces to the rules below, and this
 * class follows it; from the first token that touches any other character, or that comes near the
 * scanner's 255-character buffer, to the chunk's end, the text goes to Lucene. Consecutive such
 * stretches go as one, so a text in another script costs Lucene's scan and little more.
 *
 * <p>The rules for known characters (UAX#29 WB5–WB13b as Lucene's grammar has them): a token is
 * a run of letters and digits, where letters join across one {@code : . '} (or a curly single
 * quote) to a letter, digits across one {@code , ; . '} to a digit, and underscores join anything
 * around them; leading and trailing underscores belong to the token.
 *
 * <p>Reusable and not thread-safe: one per thread.
 */
public final class WordTokenizer {
    /** Receives each token: {@code chars[offset, offset + length)}, valid during the call only. */
    @FunctionalInterface
    public interface TokenSink {
        void token(char[] chars, int offset, int length);
    }

    /**
     * A token whose scan reads this far from its start goes to Lucene, whose 255-char buffer
     * would cut it; a margin below 255 leaves room for the scanner's look-ahead.
     */
    static final int MAX_SCAN = 240;

    /** The largest copy of a text kept between calls, in chars. */
    private static final int KEPT_BUFFER = 1 << 20;

    private char[] text = new char[1024];
    private StandardTokenizer lucene;
    private CharTermAttribute term;
    /** The stretch waiting for Lucene, [pendingStart, pendingEnd); empty when equal. */
    private int pendingStart;
    private int pendingEnd;
    private long luceneChars;

    /** Calls {@code sink} with each token of {@code s}, in order. */
    public void tokenize(String s, TokenSink sink) {
        int n = s.length();
        if (text.length < n) {
            text = new char[Math.max(n, text.length * 2)];
        }
        char[] t = text;
        s.getChars(0, n, t, 0);
        pendingStart = pendingEnd = 0;
        int p = 0;
        while (p < n) {
            int cls = WordClasses.of(t[p]);
            if (!WordClasses.startsToken(cls)) {
                if (cls == WordClasses.UNKNOWN || cls == WordClasses.KEYCAP_BASE && p + 1 < n
                        && WordClasses.of(t[p + 1]) == WordClasses.UNKNOWN) {
                    p = toLucene(t, p, n);
                } else {
                    p++; // separators, and punctuation outside tokens
                }
                continue;
            }
            // Leading underscores, then a letter or digit, or no token here.
            int q = p;
            while (cls == WordClasses.UNDERSCORE && ++q < n) {
                cls = WordClasses.of(t[q]);
            }
            if (q == n || !WordClasses.isAlnum(cls)) {
                p = cls == WordClasses.UNKNOWN && q < n ? toLucene(t, p, n) : q;
                continue;
            }
            int end = tokenEnd(t, q, n);
            if (end < 0 || end - p >= MAX_SCAN) {
                // An unknown character decides where this token ends, or it is too long for this scan.
                p = toLucene(t, p, n);
                continue;
            }
            flush(sink);
            sink.token(t, p, end - p);
            p = end;
        }
        flush(sink);
        if (t.length > KEPT_BUFFER) {
            text = new char[1024]; // one huge document should not hold its copy for the thread's life
        }
    }

    /** Characters this tokenizer's calls handed to Lucene, over its life (for benchmarks and tests). */
    public long luceneChars() {
        return luceneChars;
    }

    /**
     * The end of the token whose first letter or digit is at {@code q}, or -1 when a character
     * that decides where it ends is unknown (then Lucene scans it).
     */
    private static int tokenEnd(char[] t, int q, int end) {
        int last = WordClasses.of(t[q]);
        q++;
        while (q < end) {
            int cls = WordClasses.of(t[q]);
            if (WordClasses.isAlnum(cls)) {
                last = cls;
                q++;
                continue;
            }
            if (cls == WordClasses.UNDERSCORE) {
                int r = q + 1;
                while (r < end && WordClasses.of(t[r]) == WordClasses.UNDERSCORE) {
                    r++;
                }
                int after = r < end ? WordClasses.of(t[r]) : WordClasses.SEPARATOR;
                if (after == WordClasses.UNKNOWN) {
                    return -1;
                }
                if (!WordClasses.isAlnum(after)) {
                    return r; // trailing underscores belong to the token
                }
                last = after;
                q = r + 1;
                continue;
            }
            if (cls == WordClasses.UNKNOWN) {
                return -1;
            }
            if (WordClasses.isMid(cls) && q + 1 < end) {
                int after = WordClasses.of(t[q + 1]);
                if (after == WordClasses.UNKNOWN) {
                    return -1;
                }
                if (after == last && WordClasses.joins(last, cls)) {
                    q += 2;
                    continue;
                }
            }
            return q;
        }
        return q;
    }

    /**
     * Queues Lucene's scan from {@code start} (where its scanner restarts too) to the next
     * separator, merged with a queued stretch that no token separates from it; returns its end.
     */
    private int toLucene(char[] t, int start, int n) {
        int end = start + 1;
        while (end < n && WordClasses.of(t[end]) != WordClasses.SEPARATOR) {
            end++;
        }
        if (pendingStart == pendingEnd) {
            pendingStart = start;
        }
        pendingEnd = end;
        return end;
    }

    /** Lucene's tokens of the queued stretch, before any token that comes after it. */
    private void flush(TokenSink sink) {
        if (pendingStart == pendingEnd) {
            return;
        }
        luceneChars += pendingEnd - pendingStart;
        Reader stretch = new CharArrayReader(text, pendingStart, pendingEnd - pendingStart);
        pendingStart = pendingEnd = 0;
        luceneScan(stretch, sink);
    }

    /** The whole text through Lucene's StandardTokenizer alone: the reference this class equals (for checks). */
    public List<String> luceneTokens(String s) {
        List<String> out = new ArrayList<>();
        luceneScan(new StringReader(s), (chars, offset, length) -> out.add(new String(chars, offset, length)));
        return out;
    }

    private void luceneScan(Reader input, TokenSink sink) {
        if (lucene == null) {
            lucene = new StandardTokenizer();
            term = lucene.addAttribute(CharTermAttribute.class);
        }
        try {
            lucene.setReader(input);
            lucene.reset();
            while (lucene.incrementToken()) {
                sink.token(term.buffer(), 0, term.length());
            }
            lucene.end();
            lucene.close();
        } catch (IOException e) {
            throw new UncheckedIOException("reading chars from memory cannot fail", e);
        }
    }
}
