package dev.winnow.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What a blended sequence achieves per dataset over its first {@code samples} draws: the share of
 * samples against the weight, and the epochs read against the manifest's. The manifest's epochs
 * count document tokens only ({@code weight × targetTokens ÷ tokens}); the loader also serves an
 * end-of-document token per document, so one epoch read covers {@code tokens + documents} tokens,
 * and the comparable figure is {@code manifest epochs × tokens ÷ (tokens + documents)}.
 */
public record MixtureReport(long samples, List<Row> rows) {

    /**
     * @param expectedEpochs the manifest's epochs scaled to this many samples and to end-of-document tokens
     */
    public record Row(String dataset, double weight, long drawn, double fraction, double epochsRead,
                      double expectedEpochs, int indexedEpochs, boolean separateFinalEpoch) {
    }

    /**
     * @param manifestEpochs the manifest's epochs per dataset (blend order), for {@code targetTokens}
     * @param documentTokens document tokens per dataset (without end-of-document tokens)
     */
    public static MixtureReport of(BlendIndex index, long samples, double targetTokens, double[] manifestEpochs,
                                   long[] documentTokens) {
        long[] drawn = new long[index.names().size()];
        for (long i = 0; i < samples; i++) {
            drawn[index.dataset(i)]++;
        }
        double scale = (double) samples * index.seqLen() / targetTokens;
        List<Row> rows = new ArrayList<>();
        for (int d = 0; d < drawn.length; d++) {
            DatasetPlan plan = index.plan(d);
            String name = index.names().get(d);
            double expected = manifestEpochs[d] * scale * documentTokens[d] / plan.tokensPerEpoch();
            rows.add(new Row(name, index.summary().datasets().get(name).weight(), drawn[d], (double) drawn[d] / samples,
                    plan.epochsRead(drawn[d], index.seqLen()), expected, plan.epochs(), plan.separateFinalEpoch()));
        }
        return new MixtureReport(samples, rows);
    }

    public String table() {
        StringBuilder s = new StringBuilder(String.format("%-20s %9s %11s %9s %9s %11s %12s %7s%n", "dataset", "weight",
                "samples", "achieved", "epochs", "expected", "idx-epochs", "sep"));
        for (Row r : rows) {
            s.append(String.format("%-20s %9.5f %11d %9.5f %9.4f %11.4f %12d %7s%n", r.dataset(), r.weight(), r.drawn(),
                    r.fraction(), r.epochsRead(), r.expectedEpochs(), r.indexedEpochs(), r.separateFinalEpoch()));
        }
        return s.toString();
    }
}
