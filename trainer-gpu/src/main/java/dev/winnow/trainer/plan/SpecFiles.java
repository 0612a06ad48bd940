package dev.winnow.trainer.plan;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.winnow.trainer.model.GptConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cluster and model descriptions read from HOCON files, for {@code --cluster FILE} and
 * {@code --model FILE}. Every error names the file and the key at fault. Keys (see
 * docs/planner.md):
 * <pre>
 * cluster: name, gpus-per-node, peak-tflops (dense half precision, per GPU), gpu-memory-gib,
 *          nvlink-gbytes-per-sec (per GPU, one direction), infiniband-gbits-per-sec (per GPU)
 * model:   name, layers, hidden, heads, seq-len, vocab, padded-vocab (optional, default vocab)
 * </pre>
 */
public final class SpecFiles {
  private SpecFiles() {}

  public static ClusterSpec cluster(Path file) {
    Config c = load(file);
    return build(file, () -> new ClusterSpec(
        string(file, c, "name"),
        integer(file, c, "gpus-per-node"),
        number(file, c, "peak-tflops") * ClusterSpec.TERA,
        Math.round(number(file, c, "gpu-memory-gib") * ClusterSpec.GIB),
        number(file, c, "nvlink-gbytes-per-sec") * ClusterSpec.GIGA,
        number(file, c, "infiniband-gbits-per-sec") * ClusterSpec.GIGA / 8));
  }

  public static GptConfig model(Path file) {
    Config c = load(file);
    int vocab = integer(file, c, "vocab");
    int padded = c.hasPath("padded-vocab") ? integer(file, c, "padded-vocab") : vocab;
    return build(file, () -> new GptConfig(
        string(file, c, "name"),
        integer(file, c, "layers"),
        integer(file, c, "hidden"),
        integer(file, c, "heads"),
        integer(file, c, "seq-len"),
        vocab,
        padded));
  }

  /** The built-in cluster of that name, else the HOCON file at that path. */
  public static ClusterSpec clusterNamedOrFile(String nameOrPath) {
    return namedOrFile(nameOrPath, ClusterSpec.builtIn(), ClusterSpec::named, SpecFiles::cluster);
  }

  /** The built-in model of that name, else the HOCON file at that path. */
  public static GptConfig modelNamedOrFile(String nameOrPath) {
    return namedOrFile(nameOrPath, GptConfig.builtIn(), GptConfig::named, SpecFiles::model);
  }

  /** A name that is not built in and not an existing file is reported as an unknown name. */
  private static <T> T namedOrFile(String nameOrPath, Map<String, T> builtIns,
      Function<String, T> named, Function<Path, T> file) {
    if (builtIns.containsKey(nameOrPath) || !Files.exists(Path.of(nameOrPath))) {
      return named.apply(nameOrPath);
    }
    return file.apply(Path.of(nameOrPath));
  }

  /** The built-in of that name (any case), or an error listing the built-ins. */
  static <T> T builtIn(Map<String, T> builtIns, String kind, String name) {
    T found = builtIns.get(name.toLowerCase(Locale.ROOT));
    if (found == null) {
      throw new IllegalArgumentException(
          "unknown " + kind + " '" + name + "'; built-in " + kind + "s: " + builtIns.keySet());
    }
    return found;
  }

  private static Config load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Runs a record constructor, naming the file in its validation message. */
  private static <T> T build(Path file, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static String string(Path file, Config c, String key) {
    return read(file, key, () -> c.getString(key));
  }

  /** A whole number; typesafe config would silently truncate 2.5 to 2. */
  private static int integer(Path file, Config c, String key) {
    double value = number(file, c, key);
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          file + ": key '" + key + "' must be a whole number, got " + value);
    }
    return (int) value;
  }

  private static double number(Path file, Config c, String key) {
    return read(file, key, () -> c.getDouble(key));
  }

  private static <T> T read(Path file, String key, Supplier<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException.Missing e) {
      throw new IllegalArgumentException(file + ": missing key '" + key + "'", e);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          file + ": key '" + key + "': " + e.getMessage(), e);
    }
  }
}
