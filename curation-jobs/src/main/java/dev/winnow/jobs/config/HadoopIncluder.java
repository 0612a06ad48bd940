package dev.winnow.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import org.apache.hadoop.fs.Path;

import java.util.Map;

/**
 * HOCON's {@code include "base.conf"} for a config read through Hadoop: Typesafe Config resolves
 * includes against local files, URLs and the classpath only, so a config on HDFS could not
 * include its neighbour. Here the name resolves against the including file's folder on its file
 * system (or is a URI of its own), is read with the same settings, and its own includes resolve
 * against its folder in turn. {@code include "x"} of a missing file is nothing, as HOCON says;
 * {@code include required("x")} of one is an error. {@code file()}, {@code url()} and
 * {@code classpath()} includes keep their usual meaning.
 */
final class HadoopIncluder implements ConfigIncluder {
    /** Deeper than any sensible layering; an include cycle ends here with an error. */
    static final int MAX_DEPTH = 32;

    private final String file;
    private final Map<String, String> settings;
    private final int depth;

    private HadoopIncluder(String file, Map<String, String> settings, int depth) {
        this.file = file;
        this.settings = settings;
        this.depth = depth;
    }

    /** Parses the config at {@code location} (a Hadoop URI), its includes read the same way. */
    static Config parse(String location, Map<String, String> settings) {
        return parse(location, ConfigFiles.read(location, settings), settings, 0);
    }

    private static Config parse(String location, String text, Map<String, String> settings, int depth) {
        try {
            return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(location)
                    .setIncluder(new HadoopIncluder(location, settings, depth)));
        } catch (ConfigError e) {
            throw e;
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        String target = new Path(new Path(file).getParent(), what).toString();
        if (depth + 1 > MAX_DEPTH) {
            throw new ConfigError("include \"" + what + "\" in " + file + ": more than " + MAX_DEPTH
                    + " nested includes (an include cycle?)");
        }
        var text = ConfigFiles.readIfExists(target, settings);
        if (text.isEmpty()) {
            if (context.parseOptions().getAllowMissing()) {
                return ConfigFactory.empty().root();
            }
            throw new ConfigError("include required(\"" + what + "\") in " + file + ": " + target + " does not exist");
        }
        return parse(target, text.get(), settings, depth + 1).root();
    }
}
