package dev.winnow.jobs.bench;

import dev.winnow.dedup.Jaccard;
import dev.winnow.dedup.Shingler;
import dev.winnow.dedup.ShingleUnit;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The exact word-5-gram Jaccard similarity of every copy of a {@link NearDupCorpus} with its
 * source, collected while the corpus is written; prints quantiles and a histogram.
 */
public final class CopySimilarity implements Consumer<NearDupCorpus.Record> {
    private final NearDupCorpus corpus;
    private final Shingler shingler = new Shingler(ShingleUnit.WORD, 5);
    private double[] values = new double[1024];
    private int count;

    public CopySimilarity(NearDupCorpus corpus) {
        this.corpus = corpus;
    }

    @Override
    public void accept(NearDupCorpus.Record r) {
        if (r.copy() == 0) {
            return;
        }
        double j = Jaccard.of(shingler.shingles(r.text()), shingler.shingles(corpus.sourceText(r.position())));
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = j;
    }

    /** The similarities seen so far, sorted. */
    public double[] sorted() {
        double[] v = Arrays.copyOf(values, count);
        Arrays.sort(v);
        return v;
    }

    public void print(PrintStream out) {
        double[] v = sorted();
        out.println("copy_vs_source_jaccard.copies: " + v.length);
        if (v.length == 0) {
            return;
        }
        out.printf(Locale.ROOT, "copy_vs_source_jaccard.quantiles: min %.3f  p5 %.3f  p25 %.3f  median %.3f  p75 %.3f"
                        + "  p95 %.3f  max %.3f%n", v[0], q(v, 0.05), q(v, 0.25), q(v, 0.5), q(v, 0.75), q(v, 0.95),
                v[v.length - 1]);
        int[] bins = new int[12]; // [0,0.5), [0.5,0.55), ..., [0.95,1), exactly 1
        for (double x : v) {
            bins[x >= 1 ? 11 : x < 0.5 ? 0 : Math.min(10, 1 + (int) ((x - 0.5) / 0.05))]++;
        }
        out.print("copy_vs_source_jaccard.histogram:");
        for (int i = 0; i < bins.length; i++) {
            String label = i == 0 ? "<0.50" : i == 11 ? "=1" : String.format(Locale.ROOT, "%.2f", 0.45 + 0.05 * i);
            out.printf(Locale.ROOT, "  %s %.1f%%", label, 100.0 * bins[i] / v.length);
        }
        out.println();
        long atLeast08 = Arrays.stream(v).filter(x -> x >= 0.8).count();
        out.printf(Locale.ROOT, "copy_vs_source_jaccard.at_least_0.8: %.1f%%%n", 100.0 * atLeast08 / v.length);
    }

    private static double q(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
