package dev.winnow.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the lines of one byte range of a file, Hadoop-style: a line belongs to the split that
 * holds its first byte, so splits can be read in parallel and every line is read exactly once.
 * Lines end at LF, CRLF or CR alone, so CRLF and CR-only (classic Mac) files give the same lines
 * as LF files.
 * A line longer than the limit is skipped without being buffered (only its length is kept), so a
 * 50 MB single-line record costs no memory.
 */
final class LineSplitReader {
    private final InputStream in;
    private final long end;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private long pos;
    private boolean eof;

    private byte[] line = new byte[4096];
    private int lineLen;
    private long lineStart;
    private long lineBytes;
    /** The last line ended with CR: an LF right after it is part of that line end. */
    private boolean afterCr;

    /**
     * @param in     the stream, positioned at {@code start - 1} when {@code start > 0}, else at 0
     * @param start  first byte of the split
     * @param end    lines starting at or after this offset belong to the next split
     */
    LineSplitReader(InputStream in, long start, long end, int maxLineBytes) throws IOException {
        this.in = in;
        this.end = end;
        this.maxLineBytes = maxLineBytes;
        if (start > 0) {
            // The line that straddles `start` belongs to the previous split: skip through its newline.
            pos = start - 1;
            skipThroughNewline();
        }
    }

    /** Moves to the next line of the split; false at its end. */
    boolean next() throws IOException {
        if (afterCr) {
            // The LF of a CRLF belongs to the line before it.
            afterCr = false;
            if ((bufPos < bufLen || fill()) && buf[bufPos] == '\n') {
                bufPos++;
                pos++;
            }
        }
        if (pos >= end) {
            return false;
        }
        lineStart = pos;
        lineLen = 0;
        lineBytes = 0;
        boolean any = false;
        while (true) {
            if (bufPos == bufLen && !fill()) {
                break;
            }
            any = true;
            int nl = indexOfNewline();
            int chunkEnd = nl >= 0 ? nl : bufLen;
            int n = chunkEnd - bufPos;
            if (lineBytes + n <= maxLineBytes) {
                append(n);
            }
            lineBytes += n;
            pos += n;
            bufPos = chunkEnd;
            if (nl >= 0) {
                afterCr = buf[nl] == '\r';
                bufPos++;
                pos++;
                break;
            }
        }
        if (!any) {
            return false;
        }
        return true;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return lineLen;
    }

    /** Whether any byte has been read from the stream yet. */
    boolean started() {
        return pos > 0 || bufLen > 0;
    }

    /** The full length of the line in bytes, even when it was too long to keep. */
    long fullLength() {
        return lineBytes;
    }

    boolean tooLong() {
        return lineBytes > maxLineBytes;
    }

    long lineStart() {
        return lineStart;
    }

    private void skipThroughNewline() throws IOException {
        while (true) {
            if (bufPos == bufLen && !fill()) {
                return;
            }
            int nl = indexOfNewline();
            if (nl >= 0) {
                afterCr = buf[nl] == '\r';
                pos += nl - bufPos + 1;
                bufPos = nl + 1;
                return;
            }
            pos += bufLen - bufPos;
            bufPos = bufLen;
        }
    }

    /**
     * The next line end in the buffer: LF, or CR (classic Mac files end lines with CR alone; the LF
     * of a CRLF is skipped by {@link #next}).
     */
    private int indexOfNewline() {
        for (int i = bufPos; i < bufLen; i++) {
            byte c = buf[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    private void append(int n) {
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
        }
        System.arraycopy(buf, bufPos, line, lineLen, n);
        lineLen += n;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            eof = true;
            bufPos = bufLen = 0;
            return false;
        }
        bufPos = 0;
        bufLen = n;
        return true;
    }
}
