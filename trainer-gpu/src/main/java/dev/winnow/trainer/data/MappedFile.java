package dev.winnow.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of fixed-size little-endian numbers, memory-mapped in 1 GiB chunks so that indices of any
 * length live off the heap (a single {@link MappedByteBuffer} stops at 2 GiB). Element accessors
 * take an element index; an element never straddles two chunks because the chunk size is a
 * multiple of every element size (1, 2, 4, 8 bytes).
 */
public final class MappedFile {
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_BYTES = 1L << CHUNK_SHIFT;
    private static final long CHUNK_MASK = CHUNK_BYTES - 1;

    private final Path path;
    private final long bytes;
    private final MappedByteBuffer[] chunks;

    private MappedFile(Path path, FileChannel channel, FileChannel.MapMode mode, long bytes) throws IOException {
        this.path = path;
        this.bytes = bytes;
        int n = (int) ((bytes + CHUNK_BYTES - 1) >>> CHUNK_SHIFT);
        chunks = new MappedByteBuffer[n];
        for (int c = 0; c < n; c++) {
            long start = (long) c << CHUNK_SHIFT;
            chunks[c] = channel.map(mode, start, Math.min(CHUNK_BYTES, bytes - start));
            chunks[c].order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** A new file of {@code bytes} zero bytes, mapped read-write. */
    public static MappedFile create(Path path, long bytes) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (bytes > 0) {
                ch.position(bytes - 1);
                ch.write(java.nio.ByteBuffer.wrap(new byte[1]));
            }
            return new MappedFile(path, ch, FileChannel.MapMode.READ_WRITE, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** An existing file, mapped read-only. */
    public static MappedFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return new MappedFile(path, ch, FileChannel.MapMode.READ_ONLY, Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    public long bytes() {
        return bytes;
    }

    /** Writes dirty pages to disk (before the folder holding this file is published). */
    public void force() {
        for (MappedByteBuffer c : chunks) {
            c.force();
        }
    }

    private MappedByteBuffer chunk(long byteOffset) {
        return chunks[(int) (byteOffset >>> CHUNK_SHIFT)];
    }

    public byte getByte(long i) {
        return chunk(i).get((int) (i & CHUNK_MASK));
    }

    public void putByte(long i, byte v) {
        chunk(i).put((int) (i & CHUNK_MASK), v);
    }

    /** An unsigned 16-bit element (token ids: GPT-2's vocabulary fits in 16 bits). */
    public int getU16(long i) {
        long b = i << 1;
        return chunk(b).getChar((int) (b & CHUNK_MASK));
    }

    public void putU16(long i, int v) {
        long b = i << 1;
        chunk(b).putChar((int) (b & CHUNK_MASK), (char) v);
    }

    public int getInt(long i) {
        long b = i << 2;
        return chunk(b).getInt((int) (b & CHUNK_MASK));
    }

    public void putInt(long i, int v) {
        long b = i << 2;
        chunk(b).putInt((int) (b & CHUNK_MASK), v);
    }

    public long getLong(long i) {
        long b = i << 3;
        return chunk(b).getLong((int) (b & CHUNK_MASK));
    }

    public void putLong(long i, long v) {
        long b = i << 3;
        chunk(b).putLong((int) (b & CHUNK_MASK), v);
    }
}
