package dev.winnow.trainer.bench;

import dev.winnow.blending.BlendPlan;
import dev.winnow.blending.BlendSpec;
import dev.winnow.trainer.data.BlendIndex;
import dev.winnow.trainer.data.CacheFolder;
import dev.winnow.trainer.data.DocumentLengths;
import dev.winnow.trainer.data.IndexSpec;
import dev.winnow.trainer.data.MixtureReport;
import dev.winnow.trainer.data.SyntheticLengths;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale simulation: the loader's indices for a whole blend spec (the paper's MT-NLG blend: 15
 * datasets, 270B training tokens) from document lengths drawn per {@link DocumentShape} instead
 * of shards, through the same {@link BlendIndex} code path a real blend takes. Reports the time,
 * peak heap and bytes on disk of each part, and the mixture and epochs the index achieves.
 */
public final class IndexScaleBench {
    private final PrintStream out;

    public IndexScaleBench(PrintStream out) {
        this.out = out;
    }

    public void run(Path conf, int seqLen, long seed, Path cache) {
        BlendSpec spec = BlendSpec.load(conf.toFile());
        BlendPlan plan = BlendPlan.fromRecordedSizes(spec, spec.targetTokens());
        CacheFolder.delete(cache); // a fresh build every time: this measures building, not reuse
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf("blend %s: %d datasets, %.4g target tokens, seq %d, seed %d, heap limit %s%n", spec.name(),
                plan.rows().size(), spec.targetTokens(), seqLen, seed, HeapPeak.mib(Runtime.getRuntime().maxMemory()));

        HeapPeak.reset();
        long t0 = System.nanoTime();
        Map<String, DocumentLengths> lengths = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        Path lengthDir = cache.resolve("synthetic-lengths");
        long documents = 0;
        for (BlendPlan.Row row : plan.rows()) {
            DocumentShape shape = DocumentShape.of(row.dataset());
            SyntheticLengths l = SyntheticLengths.generate(mkdirs(lengthDir).resolve(row.dataset() + ".i32"),
                    Math.round(row.tokens()), shape.meanTokens(), shape.sigma(), seed ^ row.dataset().hashCode());
            lengths.put(row.dataset(), l);
            weights.put(row.dataset(), row.effectiveWeight());
            documents += l.documents();
        }
        double lengthSeconds = (System.nanoTime() - t0) / 1e9;
        long lengthHeap = HeapPeak.bytes();
        out.printf("document lengths: %,d documents drawn in %.1f s, %s on disk, peak heap %s%n", documents,
                lengthSeconds, HeapPeak.mib(CacheFolder.size(lengthDir)), HeapPeak.mib(lengthHeap));

        HeapPeak.reset();
        long t1 = System.nanoTime();
        IndexSpec indexSpec = IndexSpec.forTargetTokens(spec.targetTokens(), seqLen, seed);
        String blendId = "synthetic:" + spec.name() + ":" + DocumentShape.MT_NLG.hashCode() + ":" + seed;
        BlendIndex index = BlendIndex.openOrBuild(cache, blendId, weights, lengths, indexSpec);
        double indexSeconds = (System.nanoTime() - t1) / 1e9;
        long indexHeap = HeapPeak.bytes();
        out.printf("indices: %,d samples built in %.1f s, %s on disk (%s), peak heap %s%n", indexSpec.samples(),
                indexSeconds, HeapPeak.mib(CacheFolder.size(index.dir())), index.dir(), HeapPeak.mib(indexHeap));

        List<BlendPlan.Row> rows = plan.rows();
        double[] epochs = rows.stream().mapToDouble(BlendPlan.Row::epochs).toArray();
        long[] tokens = rows.stream().mapToLong(r -> Math.round(r.tokens())).toArray();
        MixtureReport mixture = MixtureReport.of(index, index.samples(), spec.targetTokens(), epochs, tokens);
        out.print(mixture.table());
        double worst = mixture.rows().stream().mapToDouble(r -> Math.abs(r.fraction() - r.weight()) / r.weight())
                .max().orElse(0);
        out.printf("largest relative share error: %.2e; total %.1f s%n", worst, lengthSeconds + indexSeconds);
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
