package dev.winnow.quality.lid;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The compiled language model as stored in {@code winnow/lid/ngram-model.bin}: the languages,
 * the scripts each is written in, and for every n-gram key its postings. A posting packs one
 * language and the fixed-point score that n-gram adds to it ({@link #posting}).
 *
 * <p>Layout (big-endian): magic, format version, hash version, source line, languages
 * (code, scripts), key ranges per order, key count, posting count, keys (long), posting starts
 * (int, keys + 1), postings (int). Keys are grouped by order (1 first), so the detector can keep
 * the small low-order tables apart from the large high-order ones.
 */
public record ModelFile(
        String source,
        List<String> languages,
        List<List<String>> scripts,
        int[] orderStarts,
        long[] keys,
        int[] postingStarts,
        int[] postings) {

    static final int MAGIC = 0x574C4944; // "WLID"
    static final int FORMAT_VERSION = 2;
    /** Scores are stored in 1/256 nat. */
    public static final int SCALE = 256;

    public static int posting(int language, int scaledScore) {
        return (scaledScore << 8) | language;
    }

    public static int language(int posting) {
        return posting & 0xFF;
    }

    public static int score(int posting) {
        return posting >> 8;
    }

    /** Highest n-gram order in the model. */
    public int maxOrder() {
        return orderStarts.length - 1;
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(NgramHash.VERSION);
        data.writeUTF(source);
        data.writeInt(languages.size());
        for (int i = 0; i < languages.size(); i++) {
            data.writeUTF(languages.get(i));
            data.writeUTF(String.join(",", scripts.get(i)));
        }
        data.writeInt(orderStarts.length);
        for (int start : orderStarts) {
            data.writeInt(start);
        }
        data.writeInt(keys.length);
        data.writeInt(postings.length);
        ByteBuffer buffer = ByteBuffer.allocate(keys.length * 8 + (keys.length + 1) * 4 + postings.length * 4);
        buffer.asLongBuffer().put(keys);
        buffer.position(keys.length * 8);
        buffer.asIntBuffer().put(postingStarts);
        buffer.position(keys.length * 8 + (keys.length + 1) * 4);
        buffer.asIntBuffer().put(postings);
        data.write(buffer.array());
        data.flush();
    }

    /** The header only: where the model came from and its languages, without the n-grams. */
    public record Header(String source, List<String> languages) {}

    public static Header readHeader(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String source = readPreamble(data);
        int languageCount = data.readInt();
        List<String> languages = new java.util.ArrayList<>();
        for (int i = 0; i < languageCount; i++) {
            languages.add(data.readUTF());
            data.readUTF();
        }
        return new Header(source, List.copyOf(languages));
    }

    private static String readPreamble(DataInputStream data) throws IOException {
        if (data.readInt() != MAGIC) {
            throw new IOException("not a Winnow language model (bad magic number)");
        }
        int format = data.readInt();
        int hash = data.readInt();
        if (format != FORMAT_VERSION || hash != NgramHash.VERSION) {
            throw new IOException("language model format " + format + "/hash " + hash + ", this build reads "
                    + FORMAT_VERSION + "/" + NgramHash.VERSION + "; rebuild the model (mvn package)");
        }
        return data.readUTF();
    }

    public static ModelFile read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String source = readPreamble(data);
        int languageCount = data.readInt();
        List<String> languages = new java.util.ArrayList<>();
        List<List<String>> scripts = new java.util.ArrayList<>();
        for (int i = 0; i < languageCount; i++) {
            languages.add(data.readUTF());
            String names = data.readUTF();
            scripts.add(names.isEmpty() ? List.of() : List.of(names.split(",")));
        }
        int[] orderStarts = new int[data.readInt()];
        for (int i = 0; i < orderStarts.length; i++) {
            orderStarts[i] = data.readInt();
        }
        int keyCount = data.readInt();
        int postingCount = data.readInt();
        byte[] bytes = new byte[keyCount * 8 + (keyCount + 1) * 4 + postingCount * 4];
        data.readFully(bytes);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long[] keys = new long[keyCount];
        int[] starts = new int[keyCount + 1];
        int[] postings = new int[postingCount];
        buffer.asLongBuffer().get(keys);
        buffer.position(keyCount * 8);
        buffer.asIntBuffer().get(starts);
        buffer.position(keyCount * 8 + (keyCount + 1) * 4);
        buffer.asIntBuffer().get(postings);
        return new ModelFile(source, List.copyOf(languages), List.copyOf(scripts), orderStarts, keys, starts,
                postings);
    }

    /**
     * The same model with its languages ordered by script, then code, so each script's
     * languages have neighbouring indices and a dense score vector can be added over just that
     * range.
     */
    public ModelFile groupedByScript() {
        Integer[] order = new Integer[languages.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator
                .comparing((Integer i) -> scripts.get(i).isEmpty() ? "" : scripts.get(i).get(0))
                .thenComparing(languages::get));
        int[] newIndex = new int[order.length];
        List<String> newLanguages = new java.util.ArrayList<>();
        List<List<String>> newScripts = new java.util.ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            newIndex[order[i]] = i;
            newLanguages.add(languages.get(order[i]));
            newScripts.add(scripts.get(order[i]));
        }
        int[] remapped = new int[postings.length];
        for (int i = 0; i < postings.length; i++) {
            remapped[i] = posting(newIndex[language(postings[i])], score(postings[i]));
        }
        return new ModelFile(source, List.copyOf(newLanguages), List.copyOf(newScripts), orderStarts, keys,
                postingStarts, remapped);
    }
}
