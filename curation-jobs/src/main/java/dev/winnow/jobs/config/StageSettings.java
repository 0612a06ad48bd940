package dev.winnow.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.util.List;
import java.util.function.Supplier;

/** Typed reads from one stage's block; every error names the full key and the file it came from. */
public final class StageSettings {
    private final String path;
    private final Config block;
    /** As {@link WinnowConfig}'s: where relative paths from a config read through Hadoop resolve. */
    private final String hadoopFile;

    StageSettings(String path, Config block, String hadoopFile) {
        this.path = path;
        this.block = block;
        this.hadoopFile = hadoopFile;
    }

    public String path() {
        return path;
    }

    public int getInt(String key) {
        return read(key, () -> block.getInt(key));
    }

    public long getLong(String key) {
        return read(key, () -> block.getLong(key));
    }

    public long getBytes(String key) {
        return read(key, () -> block.getBytes(key));
    }

    public double getDouble(String key) {
        return read(key, () -> block.getDouble(key));
    }

    public boolean getBoolean(String key) {
        return read(key, () -> block.getBoolean(key));
    }

    public String getString(String key) {
        return read(key, () -> block.getString(key));
    }

    public List<String> getStringList(String key) {
        return read(key, () -> List.copyOf(block.getStringList(key)));
    }

    /** A list of objects, each as settings named {@code key[i]}. */
    public List<StageSettings> getObjectList(String key) {
        return read(key, () -> {
            List<StageSettings> out = new java.util.ArrayList<>();
            List<? extends Config> list = block.getConfigList(key);
            for (int i = 0; i < list.size(); i++) {
                out.add(new StageSettings(path + "." + key + "[" + i + "]", list.get(i), hadoopFile));
            }
            return out;
        });
    }

    public boolean has(String key) {
        return block.hasPath(key);
    }

    /** The keys of this block (top level). */
    public java.util.Set<String> keys() {
        return block.root().keySet();
    }

    /**
     * A path: relative local paths resolve against the folder of the config file that wrote them
     * (the current directory for {@code --set}); URIs stay as they are.
     */
    public String getPath(String key) {
        String value = getString(key);
        return WinnowConfig.resolvePath(value, block.getValue(key).origin(), hadoopFile);
    }

    public StageSettings sub(String key) {
        return read(key, () -> new StageSettings(path + "." + key, block.getConfig(key), hadoopFile));
    }

    /** Wraps a parameter record's validation so its message names the key. */
    public <T> T build(Supplier<T> params) {
        try {
            return params.get();
        } catch (ConfigError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigError(path + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(String key, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            String origin = e.origin() == null ? "" : WinnowConfig.where(e.origin());
            throw new ConfigError(origin + path + "." + key + ": " + stripOrigin(e), e);
        }
    }

    private static String stripOrigin(ConfigException e) {
        String m = e.getMessage();
        int i = m.indexOf(": ");
        return e.origin() != null && i > 0 ? m.substring(i + 2) : m;
    }
}
