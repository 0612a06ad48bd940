package dev.winnow.jobs.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of source an ingest dataset can be, with the dataset keys each one accepts. */
public enum SourceFormat {
    JSONL(Set.of("id-field", "text-field", "url-field")),
    TEXT(Set.of("text-unit")),
    PARQUET(Set.of("id-field", "text-field", "url-field")),
    WARC(Set.of()),
    WET(Set.of());

    private final Set<String> specificKeys;

    SourceFormat(Set<String> specificKeys) {
        this.specificKeys = specificKeys;
    }

    /** Dataset keys that only make sense for this format. */
    public Set<String> specificKeys() {
        return specificKeys;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceFormat parse(String value, String key) {
        for (SourceFormat f : values()) {
            if (f.configName().equals(value)) {
                return f;
            }
        }
        throw new ConfigError(key + ": unknown format '" + value + "'; expected one of "
                + Arrays.stream(values()).map(SourceFormat::configName).collect(Collectors.joining(", ")));
    }
}
