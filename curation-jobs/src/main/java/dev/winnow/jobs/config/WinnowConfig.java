package dev.winnow.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline configuration: a HOCON file with a {@code winnow { ... }} block, laid over the
 * defaults in {@code winnow/defaults.conf}, with {@code --set key=value} overrides on top.
 *
 * <p>Unknown keys and values of the wrong type are errors that name the key. Relative local paths
 * in a config file are resolved against that file's folder (so a config can be run from anywhere);
 * relative paths given with {@code --set} are resolved against the current directory.
 */
public final class WinnowConfig {
    public static final String ROOT = "winnow";
    private static final String SPARK_CONF = "winnow.spark.conf";
    private static final String DATASETS = "winnow.datasets";
    private static final Set<String> DATASET_KEYS = Set.of("name", "format", "path", "priority",
            "id-field", "text-field", "url-field", "text-unit");

    private final Config config;
    private final List<DatasetSpec> datasets;
    /** The config file's URI when it was read through Hadoop (its relative paths resolve against its folder there); else null. */
    private final String hadoopFile;
    /** The {@code spark.hadoop.*} settings the config file was read with (spark-submit's). */
    private final Map<String, String> readWith;

    private WinnowConfig(Config config, String hadoopFile, Map<String, String> readWith) {
        this.config = config;
        this.hadoopFile = hadoopFile;
        this.readWith = Map.copyOf(readWith);
        this.datasets = parseDatasets(config);
        validateStages();
        progressInterval(); // a wrong interval fails at load, not when the first stage starts
    }

    /** Loads a config file with overrides ({@code key=value}; the {@code winnow.} prefix is optional). */
    public static WinnowConfig load(Path file, List<String> overrides) {
        return load(file, overrides, Map.of());
    }

    /**
     * Loads a config from the local disk or, named by a URI ({@code hdfs://…/cluster.conf}), from a
     * Hadoop file system reached with {@code sparkSettings}' {@code spark.hadoop.*} entries; the
     * same settings then reach the other files the driver reads (the blend spec).
     */
    public static WinnowConfig load(String location, List<String> overrides, Map<String, String> sparkSettings) {
        if (!ConfigFiles.onHadoop(location)) {
            return load(ConfigFiles.localPath(location), overrides, sparkSettings);
        }
        return build(HadoopIncluder.parse(location, sparkSettings), overrides, location, sparkSettings);
    }

    private static WinnowConfig load(Path file, List<String> overrides, Map<String, String> sparkSettings) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError("config file " + file + " does not exist or is not a file");
        }
        Config user;
        try {
            user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse " + file + ": " + e.getMessage(), e);
        }
        return build(user, overrides, null, sparkSettings);
    }

    /** Parses config text (tests, embedded configs); relative paths resolve against the current directory. */
    public static WinnowConfig parse(String hocon, List<String> overrides) {
        Config user;
        try {
            user = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription("config text"));
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse config: " + e.getMessage(), e);
        }
        return build(user, overrides, null, Map.of());
    }

    private static WinnowConfig build(Config user, List<String> overrides, String hadoopFile,
                                      Map<String, String> readWith) {
        Config defaults = ConfigFactory.parseResources(WinnowConfig.class, "/winnow/defaults.conf");
        if (defaults.isEmpty()) {
            throw new IllegalStateException("winnow/defaults.conf is missing from the classpath");
        }
        Config set = parseOverrides(overrides);
        checkKnownKeys(user, defaults);
        checkKnownKeys(set, defaults);
        Config merged;
        try {
            merged = set.withFallback(user).withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
        return new WinnowConfig(merged, hadoopFile, readWith);
    }

    private static Config parseOverrides(List<String> overrides) {
        Config result = ConfigFactory.empty();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigError("--set " + override + ": expected key=value");
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1).trim();
            if (!key.equals(ROOT) && !key.startsWith(ROOT + ".")) {
                key = ROOT + "." + key;
            }
            Config one;
            try {
                one = ConfigFactory.parseString(key + " = " + value,
                        ConfigParseOptions.defaults().setOriginDescription("--set " + override));
            } catch (ConfigException e) {
                // Not HOCON (e.g. local[2]): take it as a plain string.
                try {
                    one = ConfigFactory.empty("--set " + override)
                            .withValue(key, ConfigValueFactory.fromAnyRef(value, "--set " + override));
                } catch (ConfigException bad) {
                    throw new ConfigError("--set " + override + ": " + bad.getMessage(), bad);
                }
            }
            result = one.withFallback(result);
        }
        return result;
    }

    /** Every leaf the user wrote must exist in the defaults (free-form Spark conf aside). */
    private static void checkKnownKeys(Config user, Config defaults) {
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            if (!key.equals(ROOT) && !key.startsWith(ROOT + ".")) {
                throw new ConfigError(where(e.getValue().origin()) + "unknown key '" + key
                        + "': settings belong in the winnow { ... } block");
            }
            if (key.startsWith(SPARK_CONF + ".") || key.equals(DATASETS)) {
                continue;
            }
            if (!defaults.hasPathOrNull(key)) {
                throw new ConfigError(where(e.getValue().origin()) + "unknown key '" + key + "'"
                        + suggestion(key, defaults));
            }
        }
    }

    private static String suggestion(String key, Config defaults) {
        String best = EditDistance.closest(key, defaults.entrySet().stream().map(Map.Entry::getKey).toList(), 3);
        return best != null ? "; did you mean '" + best + "'?" : "";
    }

    static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        String d = origin.description();
        return d == null || d.isEmpty() ? "" : d + ": ";
    }

    private List<DatasetSpec> parseDatasets(Config c) {
        ConfigList list;
        try {
            list = c.getList(DATASETS);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
        List<DatasetSpec> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String key = DATASETS + "[" + i + "]";
            if (v.valueType() != ConfigValueType.OBJECT) {
                throw new ConfigError(where(v.origin()) + key + ": expected an object { name, format, path, ... }");
            }
            DatasetSpec spec = parseDataset(((ConfigObject) v).toConfig(), key);
            if (!names.add(spec.name())) {
                throw new ConfigError(where(v.origin()) + key + ": dataset name '" + spec.name() + "' is used twice");
            }
            result.add(spec);
        }
        return List.copyOf(result);
    }

    private DatasetSpec parseDataset(Config d, String key) {
        for (String k : d.root().keySet()) {
            if (!DATASET_KEYS.contains(k)) {
                throw new ConfigError(where(d.root().get(k).origin()) + key + ": unknown key '" + k
                        + "'; a dataset takes " + String.join(", ", new java.util.TreeSet<>(DATASET_KEYS)));
            }
        }
        for (String required : List.of("name", "format", "path")) {
            if (!d.hasPath(required)) {
                throw new ConfigError(where(d.origin()) + key + ": '" + required + "' is required");
            }
        }
        try {
            String name = d.getString("name");
            String label = key + " (" + name + ")";
            SourceFormat format = SourceFormat.parse(d.getString("format"), label + ".format");
            for (String k : d.root().keySet()) {
                boolean specific = !Set.of("name", "format", "path", "priority").contains(k);
                if (specific && !format.specificKeys().contains(k)) {
                    throw new ConfigError(where(d.root().get(k).origin()) + label + ": key '" + k
                            + "' does not apply to format " + format.configName());
                }
            }
            List<String> paths = new ArrayList<>();
            ConfigValue pathValue = d.getValue("path");
            if (pathValue.valueType() == ConfigValueType.LIST) {
                for (ConfigValue p : (ConfigList) pathValue) {
                    paths.add(resolvePath(String.valueOf(p.unwrapped()), p.origin(), hadoopFile));
                }
            } else {
                paths.add(resolvePath(d.getString("path"), pathValue.origin(), hadoopFile));
            }
            DatasetSpec.TextUnit unit = DatasetSpec.TextUnit.FILE;
            if (d.hasPath("text-unit")) {
                String u = d.getString("text-unit");
                unit = switch (u) {
                    case "file" -> DatasetSpec.TextUnit.FILE;
                    case "line" -> DatasetSpec.TextUnit.LINE;
                    default -> throw new ConfigError(label + ".text-unit: '" + u + "' must be file or line");
                };
            }
            return new DatasetSpec(name, format, paths,
                    d.hasPath("priority") ? d.getInt("priority") : 0,
                    d.hasPath("id-field") ? d.getString("id-field") : "id",
                    d.hasPath("text-field") ? d.getString("text-field") : "text",
                    d.hasPath("url-field") ? d.getString("url-field") : "url",
                    unit);
        } catch (ConfigException e) {
            throw new ConfigError(key + ": " + e.getMessage(), e);
        } catch (ConfigError e) {
            throw e.getMessage().contains(key) ? e : new ConfigError(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The Hadoop file a value was read from (the config, or a file it includes): the origin's
     * description without its line numbers ({@code hdfs://nn/conf/run.conf: 12}); null for a local
     * file or config text.
     */
    private static String hadoopOrigin(ConfigOrigin origin) {
        if (origin == null || origin.filename() != null || origin.description() == null) {
            return null;
        }
        String d = origin.description().replaceFirst(": \\d+(-\\d+)?$", "");
        return ConfigFiles.onHadoop(d) ? d : null;
    }

    /**
     * Relative paths from a file resolve against the file's folder (for a config read through
     * Hadoop, {@code hadoopFile}, the folder on its file system of the file the value came from:
     * the config, or one it includes); relative paths from {@code --set} against the current
     * directory; URIs and absolute paths stay as they are.
     */
    static String resolvePath(String path, ConfigOrigin origin, String hadoopFile) {
        if (path.isEmpty() || path.contains("://") || path.startsWith("file:") || path.startsWith("/")) {
            return path;
        }
        String from = hadoopFile == null ? null : hadoopOrigin(origin);
        if (from != null) {
            return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(from).getParent(), path).toString();
        }
        if (origin != null && origin.filename() != null) {
            Path base = Path.of(origin.filename()).toAbsolutePath().getParent();
            return base.resolve(path).normalize().toString();
        }
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    private void validateStages() {
        List<String> stages = stages();
        if (stages.isEmpty()) {
            throw new ConfigError(where(config.getValue("winnow.stages").origin()) + "winnow.stages is empty");
        }
        if (new HashSet<>(stages).size() != stages.size()) {
            throw new ConfigError("winnow.stages lists a stage twice: " + stages);
        }
    }

    // ---- typed access ----

    public List<DatasetSpec> datasets() {
        return datasets;
    }

    public String runDir() {
        ConfigValue v = config.getValue("winnow.run-dir");
        return resolvePath(string("winnow.run-dir"), v.origin(), hadoopFile);
    }

    public List<String> stages() {
        try {
            return List.copyOf(config.getStringList("winnow.stages"));
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
    }

    public boolean keepRejectedText() {
        return bool("winnow.keep-rejected-text");
    }

    /** How often a running stage prints how far it is ({@code progress-interval}); zero: never. */
    public java.time.Duration progressInterval() {
        try {
            java.time.Duration d = config.getDuration("winnow.progress-interval");
            if (d.isNegative()) {
                throw new ConfigError(where(config.getValue("winnow.progress-interval").origin())
                        + "winnow.progress-interval must be 0 (off) or more, got " + d);
            }
            return d;
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
    }

    public String sparkMaster() {
        return string("winnow.spark.master");
    }

    public String sparkAppName() {
        return string("winnow.spark.app-name");
    }

    /**
     * The Spark settings whose {@code spark.hadoop.*} entries reach the files the driver reads
     * itself (the blend spec): those the config file was read with, under {@code winnow.spark.conf}.
     */
    public Map<String, String> driverFileSettings() {
        Map<String, String> out = new LinkedHashMap<>(readWith);
        out.putAll(sparkConf());
        return out;
    }

    /** Spark settings from {@code winnow.spark.conf}, flattened to strings. */
    public Map<String, String> sparkConf() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : config.getConfig(SPARK_CONF).entrySet()) {
            out.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }

    /** A stage's block, e.g. {@code block("clean")} is {@code winnow.clean}. */
    public StageSettings block(String stage) {
        String path = ROOT + "." + stage;
        if (!config.hasPath(path)) {
            return new StageSettings(path, ConfigFactory.empty(), hadoopFile);
        }
        return new StageSettings(path, config.getConfig(path), hadoopFile);
    }

    /** Canonical rendering of the value at a path (keys sorted), for fingerprints. */
    public String render(String path) {
        if (!config.hasPath(path)) {
            return "null";
        }
        return config.getValue(path).render(ConfigRenderOptions.concise());
    }

    /**
     * The value at a path as one line per leaf, {@code clean.min-chars -> 100} (keys without the
     * {@code winnow.} prefix, sorted), for showing what changed between two runs. Lists of objects
     * that all have a distinct {@code name} are keyed by it ({@code datasets[web].priority}), so
     * that inserting a dataset does not shift every key after it; other lists by position. Empty
     * objects and lists are leaves, so that setting one to empty shows.
     */
    public Map<String, String> flatten(String path) {
        Map<String, String> out = new java.util.TreeMap<>();
        String key = path.startsWith(ROOT + ".") ? path.substring(ROOT.length() + 1) : path;
        if (!config.hasPath(path)) {
            out.put(key, "null");
        } else {
            flatten(key, config.getValue(path), out);
        }
        return out;
    }

    private static void flatten(String key, ConfigValue value, Map<String, String> out) {
        if (value instanceof ConfigObject o && !o.isEmpty()) {
            o.forEach((k, v) -> flatten(key + "." + k, v, out));
        } else if (value instanceof ConfigList l && !l.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (ConfigValue v : l) {
                if (v instanceof ConfigObject o && o.get("name") != null
                        && o.get("name").valueType() == ConfigValueType.STRING) {
                    names.add((String) o.get("name").unwrapped());
                }
            }
            boolean byName = names.size() == l.size() && new HashSet<>(names).size() == names.size();
            for (int i = 0; i < l.size(); i++) {
                flatten(key + "[" + (byName ? names.get(i) : String.valueOf(i)) + "]", l.get(i), out);
            }
        } else {
            out.put(key, value.render(ConfigRenderOptions.concise()));
        }
    }

    private String string(String key) {
        try {
            return config.getString(key);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
    }

    private boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage(), e);
        }
    }
}
