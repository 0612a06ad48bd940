package dev.winnow.dedup.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated documents with the statistics that matter to shingling speed: word frequencies
 * following Zipf's law over a 30,000-word vocabulary (real function words at the top, made-up
 * words of growing length below, about 4.5 letters per running word), sentences of 6 to ~40
 * words with commas and the odd number, paragraphs, and a log-normal document length (median
 * about 3 KB). Deterministic for a seed; no text from elsewhere.
 */
final class EnglishLikeText {
    private static final String[] COMMON = (
            "the of and to a in is that for it was on with as he be by at you are this his from or had not "
                    + "but have an they which one we were her all she there can been if more when will would who "
                    + "so no what up out about into than them its some could time only other new people these two "
                    + "may first then do any like my now over such our man me even most made after also did many "
                    + "before must through back years where much your way well down should because each just those "
                    + "how too little state good very make world still own see men work long get here between both "
                    + "life being under never day same another know while last might us great old year off come "
                    + "since against go came right used take three").split(" ");
    private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
            "t", "v", "w", "st", "tr", "pl", "gr", "ch", "sh", "th", "br", "cl", ""};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "io", "e", "a"};
    private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "nd", "ng", "st", "ck", "m"};
    private static final int VOCABULARY = 30_000;

    private final String[] words = new String[VOCABULARY];
    private final double[] cumulative = new double[VOCABULARY];
    private final SplittableRandom random;

    EnglishLikeText(long seed) {
        random = new SplittableRandom(seed);
        double total = 0;
        for (int rank = 1; rank <= VOCABULARY; rank++) {
            words[rank - 1] = rank <= COMMON.length ? COMMON[rank - 1] : madeUpWord(rank);
            total += 1.0 / rank; // Zipf, exponent 1
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            cumulative[i] /= total;
        }
    }

    /** {@code count} documents. */
    List<String> documents(int count) {
        List<String> docs = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            docs.add(document());
        }
        return docs;
    }

    private String document() {
        long target = Math.max(300, Math.min(60_000, Math.round(3000 * Math.exp(0.8 * gaussian()))));
        StringBuilder doc = new StringBuilder();
        while (doc.length() < target) {
            if (doc.length() > 0) {
                doc.append("\n\n");
            }
            for (int s = 0, sentences = 2 + random.nextInt(6); s < sentences; s++) {
                if (s > 0) {
                    doc.append(' ');
                }
                sentence(doc);
            }
        }
        return doc.toString();
    }

    private void sentence(StringBuilder out) {
        int length = 6 + (int) (-Math.log(1 - random.nextDouble()) * 12); // mean 18 words
        for (int w = 0; w < length; w++) {
            if (w > 0) {
                out.append(random.nextDouble() < 0.07 ? ", " : " ");
            }
            if (random.nextDouble() < 0.01) {
                out.append(random.nextInt(2100));
                continue;
            }
            String word = words[Math.min(VOCABULARY - 1, lowerBound(cumulative, random.nextDouble()))];
            if (w == 0) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                out.append(word);
            }
        }
        double end = random.nextDouble();
        out.append(end < 0.9 ? '.' : end < 0.96 ? '?' : '!');
    }

    /** A pronounceable word, longer for rarer ranks (as in real vocabularies). */
    private static String madeUpWord(int rank) {
        SplittableRandom r = new SplittableRandom(rank * 0x9E3779B97F4A7C15L);
        int syllables = 1 + Math.min(3, (int) (Math.log10(rank) - 1.5 + r.nextDouble() * 1.5));
        StringBuilder w = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            w.append(ONSETS[r.nextInt(ONSETS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]);
        }
        return w.append(CODAS[r.nextInt(CODAS.length)]).toString();
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static int lowerBound(double[] a, double v) {
        int i = Arrays.binarySearch(a, v);
        return i >= 0 ? i : -i - 1;
    }
}
