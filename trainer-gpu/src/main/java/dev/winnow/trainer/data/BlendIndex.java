package dev.winnow.trainer.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A blend's indices for one {@link IndexSpec}: each dataset's {@link DatasetIndex} and the
 * {@link BlendingIndex}, in the cache folder {@code index-<key>/} where the key hashes the blend's
 * identity (its manifest's SHA-256), the sequence length, the seed and the sample count. Built once,
 * then memory-mapped by every run and rank that asks for the same key.
 */
public final class BlendIndex {
    static final String FORMAT = "winnow-loader-index/1";
    static final String SUMMARY = "index.json";
    /** An index's cache entry: this, then 24 hex digits of the hash of the blend and spec. */
    public static final String INDEX_PREFIX = "index-";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * What {@code index.json} records: the spec and, per dataset in blend order, its weight and plan (the
     * plan's documents are the split's side).
     */
    public record Summary(String format, String blend, int seqLen, long seed, long samples, DocumentSplit split,
                          Map<String, DatasetSummary> datasets) {
    }

    public record DatasetSummary(double weight, DatasetPlan plan) {
    }

    private final Path dir;
    private final Summary summary;
    private final List<String> names;
    private final DatasetIndex[] datasets;
    private final BlendingIndex blending;

    private BlendIndex(Path dir, Summary summary, DatasetIndex[] datasets, BlendingIndex blending) {
        this.dir = dir;
        this.summary = summary;
        this.names = List.copyOf(summary.datasets().keySet());
        this.datasets = datasets;
        this.blending = blending;
    }

    /**
     * The cached index for this blend and spec, built first if the cache lacks it.
     *
     * @param blendId  identifies the blend's documents (the manifest's SHA-256)
     * @param weights  effective weight per dataset, in blend order
     * @param lengths  document lengths per dataset (read only when building)
     */
    public static BlendIndex openOrBuild(Path cacheRoot, String blendId, Map<String, Double> weights,
                                         Map<String, ? extends DocumentLengths> lengths, IndexSpec spec) {
        Path dir = CacheFolder.entry(cacheRoot, INDEX_PREFIX + key(blendId, spec), tmp -> build(tmp, blendId, weights,
                lengths, spec));
        return open(dir);
    }

    static String key(String blendId, IndexSpec spec) {
        String text = String.join("|", FORMAT, blendId, Integer.toString(spec.seqLen()), Long.toString(spec.seed()),
                Long.toString(spec.samples())) + spec.split().key();
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }

    private static void build(Path dir, String blendId, Map<String, Double> weights,
                              Map<String, ? extends DocumentLengths> lengths, IndexSpec spec) throws IOException {
        Map<String, DocumentLengths> sides = new LinkedHashMap<>();
        double present = 0;
        boolean dropped = false;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            DocumentLengths side = spec.split().select(lengths.get(e.getKey()), e.getKey());
            sides.put(e.getKey(), side);
            present += side.documents() > 0 ? e.getValue() : 0;
            dropped |= side.documents() == 0 && e.getValue() > 0;
        }
        if (!(present > 0)) {
            throw new BlendException("blend " + blendId + ": no weighted dataset has documents on the "
                    + spec.split().part() + " side of the split " + spec.split());
        }
        Map<String, DatasetSummary> plans = new LinkedHashMap<>();
        double[] w = new double[weights.size()];
        int i = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            String name = e.getKey();
            DocumentLengths docs = sides.get(name);
            // A dataset with no documents on this side drops out; the others keep their ratios.
            double weight = !dropped ? e.getValue() : docs.documents() > 0 ? e.getValue() / present : 0;
            w[i++] = weight;
            long samples = weight > 0 ? BlendingIndex.samplesFor(weight, spec.samples()) : 0;
            DatasetPlan plan = DatasetPlan.of(docs.documents(), docs.tokensPerEpochWithEod(), samples, spec.seqLen());
            plans.put(name, new DatasetSummary(weight, plan));
            if (samples > 0) {
                Path sub = Files.createDirectory(dir.resolve(name));
                DatasetIndex.build(plan, docs, spec.seqLen(), new SplittableRandom(datasetSeed(spec.seed(), name)), sub);
            }
        }
        BlendingIndex.build(w, spec.samples(), dir);
        Summary summary = new Summary(FORMAT, blendId, spec.seqLen(), spec.seed(), spec.samples(), spec.split(),
                plans);
        Files.write(dir.resolve(SUMMARY), JSON.writeValueAsBytes(summary));
    }

    /** Each dataset shuffles with its own stream, so adding a dataset does not reshuffle the others. */
    static long datasetSeed(long seed, String dataset) {
        byte[] hash = Sha256.digest().digest((seed + "|" + dataset).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash).getLong();
    }

    static BlendIndex open(Path dir) {
        Summary summary;
        try {
            summary = JSON.readValue(dir.resolve(SUMMARY).toFile(), Summary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index summary in " + dir, e);
        }
        List<DatasetIndex> indices = new ArrayList<>();
        summary.datasets().forEach((name, d) -> indices.add(d.plan().samples() > 0
                ? DatasetIndex.open(dir.resolve(name)) : null));
        return new BlendIndex(dir, summary, indices.toArray(new DatasetIndex[0]), BlendingIndex.open(dir));
    }

    public Path dir() {
        return dir;
    }

    public Summary summary() {
        return summary;
    }

    /** Dataset names in blend order; {@link #dataset(long)} indexes this list. */
    public List<String> names() {
        return names;
    }

    public long samples() {
        return summary.samples();
    }

    public int seqLen() {
        return summary.seqLen();
    }

    public int dataset(long sample) {
        return blending.dataset(sample);
    }

    public int datasetSample(long sample) {
        return blending.datasetSample(sample);
    }

    public DatasetIndex datasetIndex(int dataset) {
        return datasets[dataset];
    }

    public DatasetPlan plan(int dataset) {
        return summary.datasets().get(names.get(dataset)).plan();
    }
}
