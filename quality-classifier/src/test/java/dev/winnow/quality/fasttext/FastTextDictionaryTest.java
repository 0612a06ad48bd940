package dev.winnow.quality.fasttext;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tokenization and hashing as fastText's C++ Dictionary (expected values computed independently). */
class FastTextDictionaryTest {
    static FastTextDictionary dictionary(int wordNgrams, int bucket, int minn, int maxn) {
        FastTextArgs args = new FastTextArgs(4, 5, 5, 1, 5, wordNgrams, FastTextArgs.Loss.SOFTMAX,
                FastTextArgs.Kind.SUPERVISED, bucket, minn, maxn, 100, 1e-4);
        return FastTextDictionary.of(args, List.of("hello", "world", FastTextDictionary.EOS), new long[] {5, 3, 2},
                List.of("__label__hq", "__label__lq"), new long[] {4, 1}, 10);
    }

    @Test
    void hashIsFnv1aOverSignExtendedUtf8Bytes() {
        assertEquals(0xe40c292c, FastTextDictionary.hash("a"));
        assertEquals(0x4f9f2cab, FastTextDictionary.hash("hello"));
        assertEquals(0xd79c9359, FastTextDictionary.hash("</s>"));
        // Bytes ≥ 0x80 are sign-extended, as C++ char: differs from textbook FNV-1a.
        assertEquals(0x3cfa68c1, FastTextDictionary.hash("é"));
        assertEquals(0xcd16ee2b, FastTextDictionary.hash("naïve"));
    }

    /** The allocation-free hash over a slice of a string equals the hash of its UTF-8 bytes. */
    @Test
    void sliceHashEqualsTheHashOfTheEncodedBytes() {
        String text = "x naïve 😀emoji 中文 \uD800lone ok";
        for (String token : text.split(" ")) {
            int from = text.indexOf(token);
            assertEquals(FastTextDictionary.hash(token), FastTextDictionary.hash(text, from, from + token.length()),
                    token);
        }
    }

    @Test
    void lineIsWordsThenEosThenWordNgramBuckets() {
        FastTextDictionary d = dictionary(2, 1000, 0, 0);
        IntList rows = new IntList();
        IntList labels = new IntList();
        // "é" is unknown: no row of its own, but its hash still makes the bigrams.
        d.line("__label__lq hello \t é", rows, labels);
        // hello=0, </s>=2, then buckets of (hello,é)=10 and (é,</s>)=748 offset by the 3 words.
        assertEquals(List.of(0, 2, 3 + 10, 3 + 748), List.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3)));
        assertEquals(4, rows.size());
        assertEquals(1, labels.size());
        assertEquals(1, labels.get(0));
    }

    @Test
    void trigramsUseTheSignExtendedRunningHash() {
        FastTextDictionary d = dictionary(3, 2_000_000, 0, 0);
        IntList rows = new IntList();
        d.line("hello é", rows, null);
        // rows: hello, </s>, then (hello,é), (hello,é,</s>), (é,</s>)
        assertEquals(5, rows.size());
        assertEquals(3 + 1040010, rows.get(2));
        assertEquals(3 + 570343, rows.get(3));
        assertEquals(3 + 709748, rows.get(4));
    }

    @Test
    void onlyAsciiWhitespaceSeparatesTokens() {
        FastTextDictionary d = dictionary(1, 1000, 0, 0);
        IntList rows = new IntList();
        d.line("hello\u00A0world", rows, null); // NBSP is part of the token, as in C++
        assertEquals(1, rows.size()); // only </s>: "hello\u00A0world" is unknown
        rows.clear();
        d.line("hello\u000Bworld\fhello", rows, null);
        assertEquals(List.of(0, 1, 0, 2), List.of(rows.get(0), rows.get(1), rows.get(2), rows.get(3)));
    }

    @Test
    void characterNgramsAreAddedWhenMaxnIsSet() {
        FastTextDictionary d = dictionary(1, 1000, 2, 3);
        IntList rows = new IntList();
        d.line("hello", rows, null);
        // "<hello>": word id, then 2- and 3-grams: <h <he he hel el ell ll llo lo lo> o> = 11, then </s>
        assertEquals(1 + 11 + 1, rows.size());
        assertEquals(0, rows.get(0));
        assertEquals(2, rows.get(rows.size() - 1));
    }
}
