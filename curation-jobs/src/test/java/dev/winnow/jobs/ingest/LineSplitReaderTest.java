package dev.winnow.jobs.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineSplitReaderTest {

    private static List<String> readSplit(byte[] data, long start, long end, int max) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        if (start > 0) {
            in.skip(start - 1);
        }
        LineSplitReader r = new LineSplitReader(in, start, end, max);
        List<String> out = new ArrayList<>();
        while (r.next()) {
            out.add(r.tooLong() ? "<too long " + r.fullLength() + "@" + r.lineStart() + ">"
                    : new String(r.bytes(), 0, r.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> readInSplits(byte[] data, int splitSize, int max) throws IOException {
        List<String> all = new ArrayList<>();
        for (long s = 0; s < data.length; s += splitSize) {
            all.addAll(readSplit(data, s, Math.min(data.length, s + splitSize), max));
        }
        return all;
    }

    @Test
    void everyLineIsReadExactlyOnceWhateverTheSplitSize() throws IOException {
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int len = rnd.nextInt(i % 17 == 0 ? 300 : 40);
            String line = "l" + i + "-" + "x".repeat(len);
            expected.add(line);
            sb.append(line).append(i % 5 == 0 ? "\r\n" : "\n");
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        for (int split : new int[] {1, 2, 3, 7, 64, 100, 333, 4096, data.length, data.length * 2}) {
            assertEquals(expected, readInSplits(data, split, 1 << 20), "split size " + split);
        }
    }

    @Test
    void crOnlyAndMixedLineEndsGiveTheSameLinesInEverySplit() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        String[] ends = {"\r", "\r\n", "\n", "\r", "\r\r\n"};
        for (int i = 0; i < 60; i++) {
            String line = "m" + i + "-" + "y".repeat(i % 7);
            expected.add(line);
            sb.append(line).append(ends[i % ends.length]);
            if (ends[i % ends.length].equals("\r\r\n")) {
                expected.add(""); // CR, then CRLF: an empty line between
            }
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        for (int split : new int[] {1, 2, 3, 5, 64, data.length}) {
            assertEquals(expected, readInSplits(data, split, 1 << 20), "split size " + split);
        }
    }

    @Test
    void lastLineWithoutNewlineIsRead() throws IOException {
        byte[] data = "a\nb\nlast".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("a", "b", "last"), readSplit(data, 0, Long.MAX_VALUE, 100));
        assertEquals(List.of("a", "b", "last"), readInSplits(data, 3, 100));
    }

    @Test
    void emptyLinesAreLinesAndEmptyInputHasNone() throws IOException {
        assertEquals(List.of("a", "", "b"), readSplit("a\n\nb\n".getBytes(StandardCharsets.UTF_8), 0, Long.MAX_VALUE, 10));
        assertEquals(List.of(), readSplit(new byte[0], 0, Long.MAX_VALUE, 10));
    }

    @Test
    void tooLongLineIsSkippedButMeasuredAndTheNextLineIsIntact() throws IOException {
        String big = "y".repeat(200_000);
        byte[] data = ("short\n" + big + "\nafter\n").getBytes(StandardCharsets.UTF_8);
        List<String> lines = readSplit(data, 0, Long.MAX_VALUE, 1000);
        assertEquals(List.of("short", "<too long 200000@6>", "after"), lines);
    }

    @Test
    void lineStartsAreByteOffsets() throws IOException {
        byte[] data = "é\nab\n".getBytes(StandardCharsets.UTF_8);
        LineSplitReader r = new LineSplitReader(new ByteArrayInputStream(data), 0, Long.MAX_VALUE, 100);
        assertTrue(r.next());
        assertEquals(0, r.lineStart());
        assertTrue(r.next());
        assertEquals(3, r.lineStart());
        assertFalse(r.next());
    }
}
