package dev.winnow.blending;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many epochs of each dataset a blend trains on: {@code epochs = weight × target ÷ tokens}
 * (MT-NLG table 2). A dataset with an epoch cap that the weight would exceed is held at its cap;
 * the weight it cannot use goes to the uncapped datasets in proportion to their weights, until no
 * more caps bind. The effective weights still sum to 1.
 */
public record BlendPlan(BlendSpec spec, double targetTokens, List<Row> rows) {

    /**
     * One dataset's line.
     *
     * @param weight          the weight the spec gives
     * @param effectiveWeight the weight after epoch caps (= weight when none binds)
     */
    public record Row(String dataset, double tokens, double weight, double effectiveWeight, double epochs,
                      boolean capped, Double recordedEpochs) {
    }

    /**
     * The plan for datasets of {@code tokens} tokens each (every dataset of the spec must have a
     * count; datasets not in the spec are the caller's business: {@link BlendSpec.Unweighted}).
     */
    public static BlendPlan of(BlendSpec spec, Map<String, ? extends Number> tokens, double targetTokens) {
        Map<String, Double> effective = new LinkedHashMap<>();
        Map<String, Boolean> capped = new LinkedHashMap<>();
        for (DatasetWeight d : spec.datasets()) {
            Number n = tokens.get(d.name());
            if (n == null || !(n.doubleValue() > 0)) {
                throw new IllegalArgumentException("blend " + spec.name() + ": dataset " + d.name()
                        + " has no tokens" + (n == null ? " (it is not in the data)" : "") + "; every weighted dataset needs some");
            }
            effective.put(d.name(), d.weight());
            capped.put(d.name(), false);
        }
        // Water-filling: fix the datasets whose cap binds, spread what they free over the rest.
        for (int round = 0; round < spec.datasets().size(); round++) {
            double fixed = 0;
            double freeWeight = 0;
            boolean changed = false;
            for (DatasetWeight d : spec.datasets()) {
                double t = tokens.get(d.name()).doubleValue();
                if (!capped.get(d.name()) && d.epochCap() != null && effective.get(d.name()) * targetTokens / t > d.epochCap()) {
                    capped.put(d.name(), true);
                    changed = true;
                }
                if (capped.get(d.name())) {
                    effective.put(d.name(), d.epochCap() * t / targetTokens);
                    fixed += effective.get(d.name());
                } else {
                    freeWeight += d.weight();
                }
            }
            if (!changed) {
                break;
            }
            if (freeWeight == 0) {
                throw new IllegalArgumentException("blend " + spec.name() + ": every dataset is at its epoch cap; "
                        + "the data cannot supply " + (long) targetTokens + " tokens");
            }
            for (DatasetWeight d : spec.datasets()) {
                if (!capped.get(d.name())) {
                    effective.put(d.name(), d.weight() / freeWeight * (1 - fixed));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (DatasetWeight d : spec.datasets()) {
            double t = tokens.get(d.name()).doubleValue();
            double w = effective.get(d.name());
            rows.add(new Row(d.name(), t, d.weight(), w, w * targetTokens / t, capped.get(d.name()), d.recordedEpochs()));
        }
        return new BlendPlan(spec, targetTokens, rows);
    }

    /** The plan from the token counts the spec records (the paper's table), before any run. */
    public static BlendPlan fromRecordedSizes(BlendSpec spec, double targetTokens) {
        Map<String, Double> tokens = new LinkedHashMap<>();
        for (DatasetWeight d : spec.datasets()) {
            if (d.recordedTokens() == null) {
                throw new IllegalArgumentException("blend " + spec.name() + ": dataset " + d.name()
                        + " records no tokens; plan from a run's counts instead");
            }
            tokens.put(d.name(), d.recordedTokens());
        }
        return of(spec, tokens, targetTokens);
    }

    public Row row(String dataset) {
        return rows.stream().filter(r -> r.dataset().equals(dataset)).findFirst().orElse(null);
    }

    /** The paper-style table: dataset, tokens (billions, or plain for small blends), weight, epochs. */
    public String table() {
        double all = rows.stream().mapToDouble(Row::tokens).sum();
        boolean billions = all >= 1e9;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "blend %s: %s training tokens%n", spec.name(), human(targetTokens)));
        b.append(String.format(Locale.ROOT, "%-22s %14s %9s %9s %8s %9s%n", "dataset", billions ? "tokens (B)" : "tokens",
                "weight", "effective", "epochs", "recorded"));
        double weights = 0;
        for (Row r : rows) {
            weights += r.effectiveWeight();
            b.append(String.format(Locale.ROOT, "%-22s %14s %9.5f %9.5f %8.3f %9s%s%n", r.dataset(), tokens(r.tokens(), billions),
                    r.weight(), r.effectiveWeight(), r.epochs(),
                    r.recordedEpochs() == null ? "" : String.format(Locale.ROOT, "%.1f", r.recordedEpochs()),
                    r.capped() ? "  (capped)" : ""));
        }
        b.append(String.format(Locale.ROOT, "%-22s %14s %9s %9.5f%n", "total", tokens(all, billions), "", weights));
        return b.toString();
    }

    private static String tokens(double t, boolean billions) {
        return billions ? String.format(Locale.ROOT, "%.4f", t / 1e9) : String.format(Locale.ROOT, "%,.0f", t);
    }

    private static String human(double tokens) {
        return tokens >= 1e9 ? String.format(Locale.ROOT, "%.1fB", tokens / 1e9) : String.format(Locale.ROOT, "%,.0f", tokens);
    }
}
