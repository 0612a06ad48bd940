package dev.winnow.trainer.cli;

import dev.winnow.blending.BlendManifest;
import dev.winnow.blending.Gpt2Tokenizer;
import dev.winnow.blending.run.BlendInRun;
import dev.winnow.trainer.data.BlendFolder;
import dev.winnow.trainer.data.BlendIndex;
import dev.winnow.trainer.data.CacheFolder;
import dev.winnow.trainer.data.BlendedSamples;
import dev.winnow.trainer.data.IndexSpec;
import dev.winnow.trainer.data.MixtureReport;
import dev.winnow.trainer.data.SequenceChecksum;
import dev.winnow.trainer.data.ShardVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * {@code winnow-train inspect}: opens a blend as the trainer would (validating it, building or
 * reusing the cache), prints the mixture and epochs the index achieves over all its samples, and
 * decodes the first samples back to text.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints a blend's achieved mixture and epochs per dataset, and decodes its first samples.")
final class InspectCommand implements Runnable {
    @Option(names = "--blend", required = true, description = "Blend folder (manifest.json and shards).")
    Path blend;

    @Option(names = "--seq-len", required = true, description = "Sequence length.")
    int seqLen;

    @Option(names = "--seed", description = "Shuffle seed (default: 1234).")
    long seed = 1234;

    @Option(names = "--samples", description = "Blended samples to index (default: the manifest's target tokens ÷ seq-len).")
    Long samples;

    @Option(names = "--cache", description = "Loader cache folder (default: loader-cache beside the blend folder).")
    Path cache;

    @Option(names = "--show", description = "Samples to decode (default: 3).")
    int show = 3;

    @Option(names = "--checksum", description = "Print the SHA-256 of the first N samples' tokens, to compare "
            + "runs and machines (default: 0, none).")
    long checksum;

    @Option(names = "--verify", description = "Shard SHA-256 checks: UP_FRONT or LAZY (default: UP_FRONT).")
    ShardVerification verify = ShardVerification.UP_FRONT;

    @Override
    public void run() {
        BlendFolder folder = BlendFolder.open(blend, verify);
        BlendManifest m = folder.manifest();
        IndexSpec spec = samples == null ? IndexSpec.forTargetTokens(m.targetTokens(), seqLen, seed)
                : new IndexSpec(seqLen, seed, samples);
        Path cacheRoot = cache != null ? cache : CacheFolder.besideBlend(folder.dir());
        BlendedSamples data = BlendedSamples.open(folder, cacheRoot, spec);
        BlendIndex index = data.index();
        System.out.printf("blend %s (%s, %s, vocab %d), manifest sha256 %s%n", folder.dir(), m.blend(), m.tokenizer(),
                m.vocabSize(), folder.manifestSha256());
        BlendInRun where = BlendInRun.of(blend);
        System.out.println(switch (where.status()) {
            case CURRENT -> "its run's current output: " + where.detail();
            case STALE -> "STALE, not its run's current output (winnow-train run refuses it): " + where.detail();
            case NOT_IN_A_RUN -> "not checked against a run's stages: " + where.detail();
        });
        System.out.printf("index %s: %,d samples of %d + 1 tokens, seed %d%n", index.dir(), index.samples(), seqLen, seed);
        double[] epochs = m.datasets().values().stream().mapToDouble(BlendManifest.Dataset::epochs).toArray();
        long[] tokens = m.datasets().values().stream().mapToLong(BlendManifest.Dataset::tokens).toArray();
        System.out.print(MixtureReport.of(index, index.samples(), m.targetTokens(), epochs, tokens).table());
        System.out.println("(epochs: read by the index's samples, counting end-of-document tokens; expected: the "
                + "manifest's, scaled to the same count; idx-epochs: epochs in the document index; sep: final epoch "
                + "shuffled separately)");
        if (checksum > 0) {
            long n = Math.min(checksum, index.samples());
            System.out.printf("sha256 of samples [0, %,d): %s%n", n, SequenceChecksum.of(data, n));
        }
        int[] t = new int[seqLen + 1];
        for (long i = 0; i < Math.min(show, index.samples()); i++) {
            data.read(i, t);
            System.out.printf("%n--- sample %d (%s, its draw %d) ---%n%s%n", i, index.names().get(index.dataset(i)),
                    index.datasetSample(i), decode(t, m.endOfDocument()));
        }
    }

    /** GPT-2 text of the ids, the end-of-document token shown as {@code <|endoftext|>}. */
    static String decode(int[] ids, int endOfDocument) {
        StringJoiner text = new StringJoiner("<|endoftext|>");
        int from = 0;
        for (int i = 0; i <= ids.length; i++) {
            if (i == ids.length || ids[i] == endOfDocument) {
                text.add(Gpt2Tokenizer.shared().decode(Arrays.copyOfRange(ids, from, i)));
                from = i + 1;
            }
        }
        return text.toString();
    }
}
