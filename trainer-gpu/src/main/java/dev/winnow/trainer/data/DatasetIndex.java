package dev.winnow.trainer.data;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One dataset's three Megatron indices, memory-mapped:
 * <ul>
 *   <li>document index: document ids repeated over the plan's epochs and shuffled (the final epoch
 *       apart when {@link DatasetPlan#separateFinalEpoch()});</li>
 *   <li>sample index: for sample {@code j}, the (document-index position, token offset) where it
 *       starts; it ends where sample {@code j + 1} starts, inclusive, so it holds {@code seqLen + 1}
 *       tokens and shares its last token with the next sample ({@code helpers.cpp build_sample_idx});</li>
 *   <li>shuffle index: a permutation of the samples (the final epoch's apart, as above).</li>
 * </ul>
 */
public final class DatasetIndex {
    static final String DOCUMENTS = "document-index.i32";
    static final String SAMPLES = "sample-index.i32";
    static final String SHUFFLE = "shuffle-index.i32";

    private final MappedFile documents;
    private final MappedFile samples;
    private final MappedFile shuffle;

    private DatasetIndex(MappedFile documents, MappedFile samples, MappedFile shuffle) {
        this.documents = documents;
        this.samples = samples;
        this.shuffle = shuffle;
    }

    static DatasetIndex open(Path dir) {
        return new DatasetIndex(MappedFile.open(dir.resolve(DOCUMENTS)), MappedFile.open(dir.resolve(SAMPLES)),
                MappedFile.open(dir.resolve(SHUFFLE)));
    }

    /**
     * Builds the three files in {@code dir}; {@code rng} is consumed document index first, then shuffle index.
     * For a {@link DocumentSubset} the document index records the store's document numbers.
     */
    static void build(DatasetPlan plan, DocumentLengths lengths, int seqLen, SplittableRandom rng, Path dir) {
        long docIndexLength = (long) plan.epochs() * plan.documents();
        if (docIndexLength >= Integer.MAX_VALUE || plan.indexedSamples() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the index holds 32-bit positions: " + plan.epochs() + " epochs of "
                    + plan.documents() + " documents (" + plan.indexedSamples() + " samples) are too many");
        }
        MappedFile docs = MappedFile.create(dir.resolve(DOCUMENTS), docIndexLength * Integer.BYTES);
        for (long p = 0; p < docIndexLength; p++) {
            docs.putInt(p, (int) (p % plan.documents()));
        }
        long lastEpochStart = plan.separateFinalEpoch() ? docIndexLength - plan.documents() : docIndexLength;
        Shuffle.ints(docs, 0, lastEpochStart, rng);
        Shuffle.ints(docs, lastEpochStart, docIndexLength, rng);

        MappedFile starts = MappedFile.create(dir.resolve(SAMPLES), (plan.indexedSamples() + 1) * 2 * Integer.BYTES);
        long position = 0;
        int offset = 0;
        for (long s = 1; s <= plan.indexedSamples(); s++) {
            int remaining = seqLen + 1;
            while (remaining != 0) {
                int left = lengths.length(docs.getInt(position)) + 1 - offset;
                remaining -= left;
                if (remaining <= 0) {
                    offset += remaining + left - 1; // the window's last token starts the next window
                    remaining = 0;
                } else {
                    position++;
                    offset = 0;
                }
            }
            starts.putInt(2 * s, (int) position);
            starts.putInt(2 * s + 1, offset);
        }

        MappedFile order = MappedFile.create(dir.resolve(SHUFFLE), plan.indexedSamples() * Integer.BYTES);
        for (long s = 0; s < plan.indexedSamples(); s++) {
            order.putInt(s, (int) s);
        }
        long firstRange = plan.separateFinalEpoch() ? plan.samplesSansFinalEpoch() : plan.indexedSamples();
        Shuffle.ints(order, 0, firstRange, rng);
        Shuffle.ints(order, firstRange, plan.indexedSamples(), rng);
        if (lengths instanceof DocumentSubset subset) {
            for (long p = 0; p < docIndexLength; p++) {
                docs.putInt(p, subset.storeDocument(docs.getInt(p)));
            }
        }
        docs.force();
        starts.force();
        order.force();
    }

    /** The document at a position of the document index. */
    public int document(long position) {
        return documents.getInt(position);
    }

    /** The sample (before shuffling) that the dataset's {@code i}-th draw reads. */
    public int shuffled(long i) {
        return shuffle.getInt(i);
    }

    /** Document-index position where sample {@code j} starts. */
    public int startPosition(long j) {
        return samples.getInt(2 * j);
    }

    /** Token offset in that document where sample {@code j} starts (the end-of-document token is offset = length). */
    public int startOffset(long j) {
        return samples.getInt(2 * j + 1);
    }

    /** Bytes on disk of the three files. */
    long bytes() {
        return documents.bytes() + samples.bytes() + shuffle.bytes();
    }
}
