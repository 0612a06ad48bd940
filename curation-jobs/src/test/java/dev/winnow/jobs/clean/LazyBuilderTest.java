package dev.winnow.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LazyBuilderTest {

    @Test
    void contiguousPiecesGiveTheSourceBack() {
        String src = "hello\nworld";
        LazyBuilder b = new LazyBuilder(src);
        b.appendRange(0, 5);
        b.append('\n');
        b.appendRange(6, 11);
        assertSame(src, b.build());
    }

    @Test
    void contiguousSliceGivesSubstring() {
        LazyBuilder b = new LazyBuilder("  abc  ");
        b.appendRange(2, 4);
        b.appendRange(4, 5);
        assertEquals("abc", b.build());
    }

    @Test
    void gapOrDifferentCharMaterializes() {
        LazyBuilder gap = new LazyBuilder("ab--cd");
        gap.appendRange(0, 2);
        gap.appendRange(4, 6);
        assertEquals("abcd", gap.build());

        LazyBuilder other = new LazyBuilder("ab cd");
        other.appendRange(0, 2);
        other.append('\n');
        other.appendRange(3, 5);
        assertEquals("ab\ncd", other.build());
    }

    @Test
    void emptyAndCharOnly() {
        assertEquals("", new LazyBuilder("xyz").build());
        LazyBuilder b = new LazyBuilder("xyz");
        b.append('q');
        assertEquals("q", b.build());
    }
}
