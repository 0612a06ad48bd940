package dev.winnow.trainer.data;

import java.util.HexFormat;

/**
 * SHA-256 over the token ids of blended samples {@code [0, n)} in order: one line that two runs,
 * machines or rank counts can compare to show they see the same sequence.
 */
public final class SequenceChecksum {
    private SequenceChecksum() {
    }

    public static String of(BlendedSamples blend, long n) {
        var md = Sha256.digest();
        int[] t = new int[blend.seqLen() + 1];
        byte[] bytes = new byte[t.length * 2];
        for (long i = 0; i < n; i++) {
            blend.read(i, t);
            for (int k = 0; k < t.length; k++) {
                bytes[2 * k] = (byte) t[k];
                bytes[2 * k + 1] = (byte) (t[k] >>> 8);
            }
            md.update(bytes);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
