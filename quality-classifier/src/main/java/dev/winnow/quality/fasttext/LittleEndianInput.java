package dev.winnow.quality.fasttext;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads fastText's little-endian binary fields (its files are written on x86 by C++). */
final class LittleEndianInput {
    private final InputStream in;
    private final byte[] scratch = new byte[1 << 16];
    private long position;

    LittleEndianInput(InputStream in) {
        this.in = in;
    }

    long position() {
        return position;
    }

    private ByteBuffer read(int n) throws IOException {
        int off = 0;
        while (off < n) {
            int r = in.read(scratch, off, n - off);
            if (r < 0) {
                throw new EOFException("fastText model ends early, at byte " + (position + off));
            }
            off += r;
        }
        position += n;
        return ByteBuffer.wrap(scratch, 0, n).order(ByteOrder.LITTLE_ENDIAN);
    }

    int readInt() throws IOException {
        return read(4).getInt();
    }

    long readLong() throws IOException {
        return read(8).getLong();
    }

    double readDouble() throws IOException {
        return read(8).getDouble();
    }

    byte readByte() throws IOException {
        return read(1).get();
    }

    boolean readBool() throws IOException {
        return readByte() != 0;
    }

    /** A NUL-terminated string (UTF-8 bytes, as C++ wrote them). */
    String readCString() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(16);
        for (byte b = readByte(); b != 0; b = readByte()) {
            bytes.write(b);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    void readFloats(float[] into) throws IOException {
        readFloats(into, 0, into.length);
    }

    /** {@code count} floats into {@code into} from {@code offset}. */
    void readFloats(float[] into, int offset, int count) throws IOException {
        int chunk = scratch.length / 4;
        for (int off = 0; off < count; off += chunk) {
            int n = Math.min(chunk, count - off);
            read(n * 4).asFloatBuffer().get(into, offset + off, n);
        }
    }

    /** Passes over {@code n} bytes. */
    void skip(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new EOFException("fastText model ends early, within the " + n + " bytes after byte " + position);
        }
        position += n;
    }
}
