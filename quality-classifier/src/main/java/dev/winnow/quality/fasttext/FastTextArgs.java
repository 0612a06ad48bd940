package dev.winnow.quality.fasttext;

import java.io.IOException;

/**
 * fastText's training arguments as stored in a model file, in the file's order. The enums keep
 * fastText's numbering (loss: hs 1, ns 2, softmax 3, ova 4; model: cbow 1, sg 2, supervised 3).
 */
public record FastTextArgs(
        int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, Loss loss, Kind model, int bucket,
        int minn, int maxn, int lrUpdateRate, double t) {

    public enum Loss { HS, NS, SOFTMAX, OVA }

    public enum Kind { CBOW, SG, SUPERVISED }

    /** fastText's supervised defaults (as the CLI and NeMo Curator), with word bigrams. */
    public static FastTextArgs supervised(int dim, int epoch, int wordNgrams, int bucket) {
        return new FastTextArgs(dim, 5, epoch, 1, 5, wordNgrams, Loss.SOFTMAX, Kind.SUPERVISED, bucket, 0, 0, 100,
                1e-4);
    }

    static FastTextArgs read(LittleEndianInput in) throws IOException {
        int dim = in.readInt();
        int ws = in.readInt();
        int epoch = in.readInt();
        int minCount = in.readInt();
        int neg = in.readInt();
        int wordNgrams = in.readInt();
        Loss loss = enumAt(Loss.values(), in.readInt(), "loss");
        Kind model = enumAt(Kind.values(), in.readInt(), "model");
        int bucket = in.readInt();
        int minn = in.readInt();
        int maxn = in.readInt();
        int lrUpdateRate = in.readInt();
        double t = in.readDouble();
        return new FastTextArgs(dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn,
                lrUpdateRate, t);
    }

    void write(LittleEndianOutput out) throws IOException {
        for (int v : new int[] {dim, ws, epoch, minCount, neg, wordNgrams, loss.ordinal() + 1, model.ordinal() + 1,
            bucket, minn, maxn, lrUpdateRate}) {
            out.writeInt(v);
        }
        out.writeDouble(t);
    }

    private static <E> E enumAt(E[] values, int code, String what) throws IOException {
        if (code < 1 || code > values.length) {
            throw new IOException("fastText model: unknown " + what + " code " + code);
        }
        return values[code - 1];
    }
}
