package dev.winnow.jobs.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip stream of one or more members (as {@code cat a.gz b.gz} or gzip(1) appending makes), read
 * to the real end of the input. Unlike {@link java.util.zip.GZIPInputStream}, which decides whether
 * another member follows from {@code available()} and quietly stops (or ignores a member shorter
 * than 26 bytes, or anything that is not a gzip header), this fails with an {@link IOException}
 * when a member is cut short, its CRC or length is wrong, or bytes that are not a gzip member
 * follow one: a cut file is never taken for a complete one.
 */
final class GzipMembers extends InputStream {
    private static final int BUFFER = 1 << 16;

    private final PushbackInputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[BUFFER];
    private boolean eof;
    private long member; // members started, for messages
    private int inputLength; // bytes of buf last given to the inflater

    GzipMembers(InputStream in) throws IOException {
        this.in = new PushbackInputStream(in, BUFFER);
        readHeader(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            try {
                int n = inflater.inflate(b, off, len);
                if (n > 0) {
                    crc.update(b, off, n);
                    return n;
                }
            } catch (DataFormatException e) {
                throw new ZipException("corrupt deflate data in gzip member " + member + ": " + e.getMessage());
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip member " + member + " needs a preset dictionary");
            } else if (inflater.needsInput()) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    throw new EOFException("gzip member " + member + " is cut short (unexpected end of deflate data)");
                }
                inputLength = n;
                inflater.setInput(buf, 0, n);
            }
        }
        return -1;
    }

    /** Checks the trailer, then starts the next member or ends at the end of the input. */
    private void endMember() throws IOException {
        int rest = inflater.getRemaining();
        if (rest > 0) {
            in.unread(buf, inputLength - rest, rest); // the next member's bytes, given back
        }
        long wantCrc = readLe(4);
        long wantSize = readLe(4);
        if (wantCrc != crc.getValue()) {
            throw new ZipException("gzip member " + member + ": CRC mismatch");
        }
        if (wantSize != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw new ZipException("gzip member " + member + ": length mismatch");
        }
        readHeader(false);
    }

    /** Reads a member header; at the end of the input (after a member) sets eof instead. */
    private void readHeader(boolean first) throws IOException {
        int id1 = in.read();
        if (id1 < 0) {
            if (first) {
                throw new EOFException("empty gzip stream");
            }
            eof = true;
            return;
        }
        int id2 = in.read();
        if (id1 != 0x1F || id2 != 0x8B) {
            throw new ZipException(first ? "Not in GZIP format"
                    : "bytes after gzip member " + member + " are not a gzip member (trailing garbage)");
        }
        if (readByte() != 8) {
            throw new ZipException("unsupported gzip compression method");
        }
        int flags = readByte();
        skip(6); // mtime, xfl, os
        if ((flags & 4) != 0) {
            skip((int) readLe(2));
        }
        if ((flags & 8) != 0) {
            while (readByte() != 0) {
                // file name
            }
        }
        if ((flags & 16) != 0) {
            while (readByte() != 0) {
                // comment
            }
        }
        if ((flags & 2) != 0) {
            skip(2);
        }
        member++;
        inflater.reset();
        crc.reset();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("gzip member " + member + " is cut short (in its header or trailer)");
        }
        return b;
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            readByte();
        }
    }

    private long readLe(int bytes) throws IOException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (long) readByte() << (8 * i);
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
