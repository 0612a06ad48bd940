package dev.winnow.blending;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code blend/manifest.json}, the contract between the blend stage and the trainer's loader
 * ({@code docs/blend-shards.md}): the tokenizer, and per dataset its weight, documents, tokens,
 * epochs and shards. Shard paths are relative to the blend folder and never leave it.
 *
 * @param targetTokens      the training tokens the epochs are computed for
 * @param configFingerprint what the blend was made from (stage settings and input)
 * @param datasets          by name, in the blend spec's order
 */
public record BlendManifest(String format, String tokenizer, int vocabSize, int endOfDocument, String blend,
                            double targetTokens, String configFingerprint, Map<String, Dataset> datasets) {

    public static final String FORMAT = "winnow-blend/1";
    public static final String FILE_NAME = "manifest.json";
    /** Shard columns: the document id and its GPT-2 token ids (no end-of-document token). */
    public static final String DOC_ID = "doc_id";
    public static final String TOKENS = "tokens";

    /**
     * @param weight          the spec's weight
     * @param effectiveWeight the weight after epoch caps
     * @param epochs          effectiveWeight × targetTokens ÷ tokens
     */
    public record Dataset(double weight, double effectiveWeight, long documents, long tokens, double epochs,
                          List<Shard> shards) {
    }

    /** One Parquet file: its path relative to the blend folder, rows, tokens and SHA-256 (hex). */
    public record Shard(String path, long rows, long tokens, String sha256) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public BlendManifest {
        datasets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(datasets));
        for (var e : datasets.entrySet()) {
            for (Shard s : e.getValue().shards()) {
                checkRelative(s.path(), e.getKey());
            }
        }
    }

    /** A shard path must be relative and stay inside the blend folder. */
    public static void checkRelative(String path, String dataset) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.startsWith("\\") || path.contains(":")
                || List.of(path.split("[/\\\\]")).contains("..")) {
            throw new IllegalArgumentException("dataset " + dataset + ": shard path '" + path
                    + "' must be relative to the blend folder, without '..'");
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the blend manifest", e);
        }
    }

    public static BlendManifest fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, BlendManifest.class);
    }
}
