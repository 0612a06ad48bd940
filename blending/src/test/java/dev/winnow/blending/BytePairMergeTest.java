package dev.winnow.blending;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BytePairMergeTest {
    private static TokenRanks gpt2() throws Exception {
        try (InputStream in = Gpt2Tokenizer.class.getResourceAsStream(Gpt2Tokenizer.VOCABULARY)) {
            return TokenRanks.readTiktoken(in, Gpt2Tokenizer.VOCABULARY);
        }
    }

    /** The heap path (long pieces) and the array path merge alike, on pieces of every length and kind. */
    @Test
    void theHeapAndTheArrayMergeAlike() throws Exception {
        TokenRanks ranks = gpt2();
        BytePairMerge merge = new BytePairMerge(ranks);
        SplittableRandom random = new SplittableRandom(7);
        byte[][] alphabets = {
            "abcdefghijklmnopqrstuvwxyz".getBytes(), "=-_*#.".getBytes(), "aaaaab".getBytes(),
            "th e in er an".getBytes(), "0123456789".getBytes(), "\u00e9\u4e2d\u0416".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        };
        long merged = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int length = 1 + random.nextInt(trial < 2500 ? 40 : 600);
            byte[] piece = new byte[length];
            byte[] alphabet = alphabets[random.nextInt(alphabets.length)];
            for (int i = 0; i < length; i++) {
                piece[i] = trial % 7 == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            IdBuffer viaArray = new IdBuffer();
            IdBuffer viaHeap = new IdBuffer();
            merge.mergeShort(piece, length, viaArray);
            merge.mergeLong(piece, length, viaHeap);
            assertArrayEquals(viaArray.toArray(), viaHeap.toArray(), () -> "piece " + Arrays.toString(piece));
            merged += viaArray.toArray().length;
        }
        assertTrue(merged > 10_000, "ids " + merged);
    }

    @Test
    void aPieceOfOneUnbrokenMillionBytesMergesInLinearithmicTime() throws Exception {
        BytePairMerge merge = new BytePairMerge(gpt2());
        byte[] piece = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < piece.length; i++) {
            piece[i] = (byte) ('a' + random.nextInt(26));
        }
        IdBuffer ids = new IdBuffer();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> merge.encode(piece, piece.length, ids));
        int[] out = ids.toArray();
        assertTrue(out.length > piece.length / 4 && out.length < piece.length, "ids " + out.length);
        assertTrue(merge.retainedEntries() < 1024, "the merge kept " + merge.retainedEntries() + " entries");
        ids.clear();
        assertTrue(ids.capacity() <= 256, "the id list kept " + ids.capacity());
    }
}
