package dev.winnow.quality.fasttext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes fastText's little-endian binary fields. */
final class LittleEndianOutput {
    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    LittleEndianOutput(OutputStream out) {
        this.out = out;
    }

    private ByteBuffer room(int n) throws IOException {
        if (buffer.remaining() < n) {
            flush();
        }
        return buffer;
    }

    void writeInt(int v) throws IOException {
        room(4).putInt(v);
    }

    void writeLong(long v) throws IOException {
        room(8).putLong(v);
    }

    void writeDouble(double v) throws IOException {
        room(8).putDouble(v);
    }

    void writeByte(int v) throws IOException {
        room(1).put((byte) v);
    }

    void writeCString(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            writeByte(b);
        }
        writeByte(0);
    }

    void writeFloats(float[] values) throws IOException {
        for (float v : values) {
            room(4).putFloat(v);
        }
    }

    void flush() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
        out.flush();
    }
}
