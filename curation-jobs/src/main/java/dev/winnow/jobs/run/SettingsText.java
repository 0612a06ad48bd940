package dev.winnow.jobs.run;

import dev.winnow.jobs.config.WinnowConfig;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a stage's output depends on besides its input, two ways: {@link #hashed()}, the text
 * its config hash is taken over, and {@link #shown()}, the same facts one per key
 * ({@code clean.min-chars -> 100}), which the manifest records so that a rerun can say which of
 * them changed.
 *
 * <p>The hashed text is built exactly as the stages built their settings strings before the
 * shown view existed (config values rendered concisely, other facts on lines of their own), so
 * that run folders made by earlier versions keep their stages up to date.
 */
public final class SettingsText {
    private final StringBuilder hashed = new StringBuilder();
    private final Map<String, String> shown = new TreeMap<>();

    /** Adds the config value at {@code path} (e.g. {@code winnow.clean}). */
    public SettingsText config(WinnowConfig config, String path) {
        hashed.append(config.render(path));
        shown.putAll(config.flatten(path));
        return this;
    }

    /** Adds a fact that is not in the config, as a line {@code hashedPrefix + value}, shown as {@code key -> value}. */
    public SettingsText line(String key, String hashedPrefix, String value) {
        return line(hashedPrefix, value, Map.of(key, value));
    }

    /** As {@link #line(String, String, String)}, with the value shown as several keys (a blend spec's weights). */
    public SettingsText line(String hashedPrefix, String value, Map<String, String> shownValues) {
        hashed.append('\n').append(hashedPrefix).append(value);
        shown.putAll(shownValues);
        return this;
    }

    public String hashed() {
        return hashed.toString();
    }

    /** The hashed text: a fingerprint over this object is the one taken over the string it replaced. */
    @Override
    public String toString() {
        return hashed();
    }

    /** Key → value, sorted by key. */
    public Map<String, String> shown() {
        return java.util.Collections.unmodifiableMap(shown);
    }
}
