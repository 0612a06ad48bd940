package dev.winnow.jobs.ingest;

import com.github.luben.zstd.ZstdDecompressCtx;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A zstd stream of one or more frames, read to the real end of the input. zstd-jni's
 * {@code ZstdInputStream} returns end-of-stream when the input ends inside a frame that follows a
 * complete one (measured with 1.5.7: a second frame cut anywhere reads as if absent), so a cut file
 * would pass for a complete one; this fails with an {@link EOFException} instead.
 */
final class ZstdFrames extends InputStream {
    private static final int BUFFER = 1 << 17;

    private final InputStream in;
    private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();
    private final ByteBuffer src = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer dst = ByteBuffer.allocateDirect(BUFFER);
    private final byte[] heap = new byte[BUFFER];
    private boolean frameDone = true;
    private boolean moreOutput;
    private boolean eof;
    private boolean any;

    ZstdFrames(InputStream in) {
        this.in = in;
        src.limit(0);
        dst.limit(0);
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
        while (!dst.hasRemaining()) {
            if (!src.hasRemaining() && !moreOutput) {
                if (eof) {
                    if (!frameDone) {
                        throw new EOFException("zstd frame cut short: the input ends inside a frame");
                    }
                    return -1;
                }
                int n = in.read(heap, 0, heap.length);
                if (n < 0) {
                    eof = true;
                    if (!any) {
                        throw new EOFException("empty zstd stream");
                    }
                    continue;
                }
                any = true;
                src.clear();
                src.put(heap, 0, n);
                src.flip();
            }
            dst.clear();
            int before = src.position();
            boolean ended = ctx.decompressDirectByteBufferStream(dst, src);
            // A call that neither reads nor writes says nothing about frames (after a frame's end,
            // zstd asks for the next frame's header even when there is none).
            if (src.position() > before || dst.position() > 0) {
                frameDone = ended;
            }
            dst.flip();
            moreOutput = dst.limit() == dst.capacity();
        }
        int n = Math.min(len, dst.remaining());
        dst.get(b, off, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        ctx.close();
        in.close();
    }
}
