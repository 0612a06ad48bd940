package dev.winnow.jobs.stages;

import dev.winnow.blending.BlendManifest;
import dev.winnow.blending.BlendPlan;
import dev.winnow.blending.BlendSpec;
import dev.winnow.blending.Gpt2Tokenizer;
import dev.winnow.jobs.blend.BlendShards;
import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.ConfigFiles;
import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.StageSettings;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.docs.Documents;
import dev.winnow.jobs.run.Fingerprint;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.StageContext;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * The last step: every kept document tokenized with GPT-2 BPE, written as the blend the trainer
 * reads ({@code docs/blend-shards.md}): {@code blend/<dataset>/shard-NNNNN.parquet} of
 * {@code doc_id, tokens}, and {@code blend/manifest.json} with the tokenizer, each dataset's weight,
 * documents, tokens and epochs for the target, and each shard's rows, tokens and SHA-256. The
 * stage folder lists the documents with {@code n_tokens} (their text is not copied again).
 */
public final class BlendStage extends BlockStage {
    public static final String NAME = "blend";

    private final Map<String, Long> metrics = new LinkedHashMap<>();

    public static void main(String[] args) {
        StageMain.run(NAME, args);
    }

    public BlendStage() {
        super(NAME);
    }

    @Override
    public void checkSettings(WinnowConfig config) {
        spec(config);
        shardTokens(config);
    }

    private static long shardTokens(WinnowConfig config) {
        long shardTokens = config.block(NAME).getLong("shard-tokens");
        if (shardTokens <= 0) {
            throw new ConfigError("winnow.blend.shard-tokens = " + shardTokens + " must be > 0");
        }
        return shardTokens;
    }

    /** The spec named by {@code blend.spec}, with {@code blend.target-tokens} when set, checked against the datasets. */
    public static BlendSpec spec(WinnowConfig config) {
        StageSettings s = config.block(NAME);
        String file = s.getPath("spec");
        if (file.isEmpty()) {
            throw new ConfigError("winnow.blend.spec is empty: name a blend spec, e.g. spec = \"blend/mt-nlg.conf\"");
        }
        BlendSpec spec;
        try {
            spec = ConfigFiles.onHadoop(file) ? BlendSpec.parse(ConfigFiles.read(file, config.driverFileSettings()), file)
                    : BlendSpec.load(ConfigFiles.localPath(file).toFile());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("winnow.blend.spec: " + e.getMessage(), e);
        }
        double target = s.getDouble("target-tokens");
        if (target > 0) {
            spec = spec.withTargetTokens(target);
        }
        Set<String> configured = new HashSet<>();
        for (DatasetSpec d : config.datasets()) {
            configured.add(d.name());
        }
        for (String d : spec.names()) {
            if (!configured.contains(d)) {
                throw new ConfigError("winnow.blend.spec: " + file + " weighs dataset '" + d
                        + "', which winnow.datasets does not have (" + String.join(", ", configured) + ")");
            }
            if (!d.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigError("winnow.blend.spec: dataset '" + d + "' cannot name a blend folder "
                        + "(letters, digits, '.', '_', '-')");
            }
        }
        if (spec.unweighted() == BlendSpec.Unweighted.ERROR) {
            for (String d : configured) {
                if (spec.dataset(d) == null) {
                    throw new ConfigError("winnow.blend.spec: " + file + " has no weight for dataset '" + d
                            + "'; weigh it, or set unweighted = drop in the spec to reject its documents");
                }
            }
        }
        return spec;
    }

    @Override
    public SettingsText settings(StageContext context) {
        BlendSpec spec = spec(context.config());
        Map<String, String> shown = new TreeMap<>();
        shown.put("blend.spec.name", spec.name());
        shown.put("blend.spec.target-tokens", String.valueOf(spec.targetTokens()));
        shown.put("blend.spec.unweighted", String.valueOf(spec.unweighted()));
        spec.datasets().forEach(d -> shown.put("blend.spec.datasets[" + d.name() + "]", d.toString()));
        return super.settings(context).line("spec ", spec.toString(), shown)
                .line("blend.tokenizer", "tokenizer ", Gpt2Tokenizer.NAME);
    }

    @Override
    public Dataset<Row> outcomes(StageContext context) {
        BlendSpec spec = spec(context.config());
        Dataset<Row> input = context.input();
        Set<String> weighted = new HashSet<>(spec.names());
        return input.mapPartitions(new TokenizePartition(input.schema(), weighted),
                Encoders.row(TokenizePartition.schema(input.schema())));
    }

    @Override
    public void writeSideTables(StageContext context, Dataset<Row> outcomes) {
        metrics.clear();
        WinnowConfig config = context.config();
        BlendSpec spec = spec(config);
        Dataset<Row> kept = outcomes.filter(col(Documents.REASON).isNull());
        Map<String, Long> tokens = new TreeMap<>();
        Map<String, Long> documents = new TreeMap<>();
        for (Row r : kept.groupBy(col(Documents.DATASET)).agg(count(lit(1)), sum(col(TokenizePartition.N_TOKENS))).collectAsList()) {
            documents.put(r.getString(0), r.getLong(1));
            tokens.put(r.getString(0), r.getLong(2));
        }
        BlendPlan plan;
        try {
            plan = BlendPlan.of(spec, tokens, spec.targetTokens());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("blend: " + e.getMessage(), e);
        }
        long shardTokens = shardTokens(config);
        Map<String, Integer> shards = new LinkedHashMap<>();
        for (String d : spec.names()) {
            shards.put(d, (int) Math.max(1, Math.min(Integer.MAX_VALUE, (tokens.get(d) + shardTokens - 1) / shardTokens)));
        }
        RunLayout layout = context.layout();
        Path blendDir = layout.pendingRunFolder("blend");
        Map<String, List<BlendManifest.Shard>> written = BlendShards.write(context.spark(), kept, Documents.DATASET,
                Documents.ID, TokenizePartition.TOKENS, TokenizePartition.N_TOKENS, shards, blendDir);

        Map<String, BlendManifest.Dataset> entries = new LinkedHashMap<>();
        long totalTokens = 0;
        for (BlendPlan.Row r : plan.rows()) {
            String d = r.dataset();
            entries.put(d, new BlendManifest.Dataset(r.weight(), r.effectiveWeight(), documents.get(d), tokens.get(d),
                    r.epochs(), written.getOrDefault(d, List.of())));
            metrics.put("dataset." + d + ".tokens", tokens.get(d));
            metrics.put("dataset." + d + ".shards", (long) written.getOrDefault(d, List.of()).size());
            totalTokens += tokens.get(d);
        }
        metrics.put("tokens", totalTokens);
        String fingerprint = Fingerprint.of(NAME, settings(context).hashed(), inputFingerprint(context));
        BlendManifest manifest = new BlendManifest(BlendManifest.FORMAT, Gpt2Tokenizer.NAME, Gpt2Tokenizer.VOCAB_SIZE,
                Gpt2Tokenizer.END_OF_DOCUMENT, spec.name(), spec.targetTokens(), fingerprint, entries);
        try {
            FileSystem fs = blendDir.getFileSystem(context.spark().sparkContext().hadoopConfiguration());
            try (FSDataOutputStream out = fs.create(new Path(blendDir, BlendManifest.FILE_NAME), true)) {
                out.write(manifest.toJson());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the blend manifest under " + blendDir, e);
        }
    }

    @Override
    public Map<String, Long> metrics() {
        return metrics;
    }
}
