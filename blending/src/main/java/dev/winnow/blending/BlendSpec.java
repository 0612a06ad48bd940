package dev.winnow.blending;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A blend: datasets with sampling weights, the number of tokens to train on, and what to do with
 * a dataset the data has but the blend does not weigh. Loaded from HOCON:
 *
 * <pre>
 * blend {
 *   name = mt-nlg
 *   target-tokens = 270e9
 *   unweighted = error          # or drop
 *   datasets = [ { name = books3, weight = 0.14336, tokens = 25.7e9, epochs = 1.5, epoch-cap = 4 }, ... ]
 * }
 * </pre>
 *
 * {@code tokens} and {@code epochs} are what a source reports (optional); {@code epoch-cap} is optional.
 */
public record BlendSpec(String name, double targetTokens, Unweighted unweighted, List<DatasetWeight> datasets) {
    /** The weights must sum to 1 within this (the paper's table is rounded to 5 decimals). */
    public static final double WEIGHT_TOLERANCE = 1e-3;

    /** What a dataset in the data but not in the blend becomes. */
    public enum Unweighted {
        /** A clear error: the blend is incomplete. */
        ERROR,
        /** Its documents are rejected as {@code unweighted-dataset}, and the blend goes on. */
        DROP
    }

    private static final Set<String> KEYS = Set.of("name", "target-tokens", "unweighted", "datasets");
    private static final Set<String> DATASET_KEYS = Set.of("name", "weight", "epoch-cap", "tokens", "epochs");

    public BlendSpec {
        datasets = List.copyOf(datasets);
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("blend " + name + " has no datasets");
        }
        if (!(targetTokens > 0)) {
            throw new IllegalArgumentException("blend " + name + ": target-tokens " + targetTokens + " must be > 0");
        }
        Set<String> names = new HashSet<>();
        double sum = 0;
        for (DatasetWeight d : datasets) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("blend " + name + ": dataset " + d.name() + " is listed twice");
            }
            sum += d.weight();
        }
        if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "blend %s: the weights sum to %.5f, not 1 (within %.0e)", name, sum, WEIGHT_TOLERANCE));
        }
    }

    public DatasetWeight dataset(String dataset) {
        for (DatasetWeight d : datasets) {
            if (d.name().equals(dataset)) {
                return d;
            }
        }
        return null;
    }

    public List<String> names() {
        return datasets.stream().map(DatasetWeight::name).toList();
    }

    public BlendSpec withTargetTokens(double target) {
        return new BlendSpec(name, target, unweighted, datasets);
    }

    public static BlendSpec load(File file) {
        try {
            return parse(ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false)), file.toString());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static BlendSpec parse(String hocon) {
        try {
            return parse(ConfigFactory.parseString(hocon), "blend spec");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A spec's text read from elsewhere (a Hadoop file system); {@code where} names it in errors. */
    public static BlendSpec parse(String hocon, String where) {
        try {
            return parse(ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(where)), where);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static BlendSpec parse(Config root, String where) {
        if (!root.hasPath("blend")) {
            throw new IllegalArgumentException(where + ": no blend { ... } block");
        }
        Config c = root.getConfig("blend");
        for (String k : c.root().keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": blend." + k + " is not a blend key (" + String.join(", ", KEYS) + ")");
            }
        }
        try {
            String name = c.hasPath("name") ? c.getString("name") : new File(where).getName();
            String policy = c.hasPath("unweighted") ? c.getString("unweighted") : "error";
            Unweighted unweighted = switch (policy) {
                case "error" -> Unweighted.ERROR;
                case "drop" -> Unweighted.DROP;
                default -> throw new IllegalArgumentException(where + ": blend.unweighted = " + policy + " must be error or drop");
            };
            List<DatasetWeight> datasets = new ArrayList<>();
            List<? extends Config> list = c.getConfigList("datasets");
            for (int i = 0; i < list.size(); i++) {
                Config d = list.get(i);
                for (String k : d.root().keySet()) {
                    if (!DATASET_KEYS.contains(k)) {
                        throw new IllegalArgumentException(where + ": blend.datasets[" + i + "]." + k
                                + " is not a dataset key (" + String.join(", ", DATASET_KEYS) + ")");
                    }
                }
                datasets.add(new DatasetWeight(d.getString("name"), d.getDouble("weight"),
                        d.hasPath("epoch-cap") ? d.getDouble("epoch-cap") : null,
                        d.hasPath("tokens") ? d.getDouble("tokens") : null,
                        d.hasPath("epochs") ? d.getDouble("epochs") : null));
            }
            return new BlendSpec(name, c.getDouble("target-tokens"), unweighted, datasets);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
