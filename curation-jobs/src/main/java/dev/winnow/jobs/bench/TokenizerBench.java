package dev.winnow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.winnow.blending.Gpt2Tokenizer;
import dev.winnow.quality.QualityDocuments;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * GPT-2 tokenization speed on one thread: Winnow's tokenizer over English web text
 * ({@code web/web_cc_docs.jsonl.gz}), best of several passes after a warm-up, and jtokkit's
 * {@code r50k_base} (whose vocabulary Winnow reads) on the same texts, passes alternating; the
 * warm-up fails the bench unless the two give the same ids. With a folder where the npm package
 * {@code gpt-tokenizer} is installed, the same texts through it too (node, one thread).
 */
public final class TokenizerBench {
    private final PrintStream out;

    public TokenizerBench(PrintStream out) {
        this.out = out;
    }

    public void run(Path data, int passes, Path reference) throws IOException, InterruptedException {
        List<String> texts = QualityDocuments.read(List.of(data.resolve("web/web_cc_docs.jsonl.gz"))).texts();
        ObjectMapper json = new ObjectMapper();
        long bytes = 0;
        for (String t : texts) {
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        out.printf(Locale.ROOT, "texts: %d, %.1f MB (web/web_cc_docs.jsonl.gz)%n", texts.size(), bytes / 1e6);
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.shared();
        Encoding jtokkit = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
        long tokens = 0;
        for (String t : texts) {
            int[] ids = tokenizer.encode(t);
            if (!Arrays.equals(ids, jtokkit.encodeOrdinary(t).toArray())) {
                throw new IllegalStateException("Winnow and jtokkit disagree on the text starting "
                        + t.substring(0, Math.min(80, t.length())));
            }
            tokens += ids.length;
        }
        double best = Double.MAX_VALUE;
        double bestJtokkit = Double.MAX_VALUE;
        for (int p = 0; p <= passes; p++) {
            long t0 = System.nanoTime();
            long n = 0;
            for (String t : texts) {
                n += tokenizer.encode(t).length;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            for (String t : texts) {
                n -= jtokkit.encodeOrdinary(t).size();
            }
            double sJtokkit = (System.nanoTime() - t0) / 1e9;
            if (n != 0) {
                throw new IllegalStateException("Winnow and jtokkit counted different tokens in pass " + p);
            }
            if (p > 0) {
                best = Math.min(best, s);
                bestJtokkit = Math.min(bestJtokkit, sJtokkit);
            }
        }
        double winnow = tokens / best;
        out.printf(Locale.ROOT, "tokens: %d%n", tokens);
        out.printf(Locale.ROOT, "winnow.tokens_per_s: %.0f (%.1f MB/s)%n", winnow, bytes / 1e6 / best);
        out.printf(Locale.ROOT, "jtokkit.tokens_per_s: %.0f (%.1f MB/s)%n", tokens / bestJtokkit, bytes / 1e6 / bestJtokkit);
        out.printf(Locale.ROOT, "ratio (winnow / jtokkit): %.2fx%n", bestJtokkit / best);
        if (reference == null) {
            return;
        }
        Path file = Files.createTempFile("winnow-tokenize", ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String t : texts) {
                w.write(json.writeValueAsString(java.util.Map.of("text", t)));
                w.write('\n');
            }
        }
        Path script = reference.resolve("bench.mjs");
        Process node = new ProcessBuilder("node", script.toString(), file.toString(), String.valueOf(passes))
                .directory(reference.toFile()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = node.waitFor();
        Files.delete(file);
        if (code != 0) {
            out.println("reference failed (exit " + code + "): " + output.trim());
            return;
        }
        out.print(output.lines().map(l -> "gpt-tokenizer." + l).reduce("", (a, b) -> a + b + "\n"));
        // The two differ around U+FEFF, which JavaScript counts as whitespace (tokenizer-reference/README.md).
        for (String l : output.lines().toList()) {
            if (l.startsWith("tokens_per_s: ")) {
                double ref = Double.parseDouble(l.substring("tokens_per_s: ".length()));
                out.printf(Locale.ROOT, "ratio (winnow / gpt-tokenizer): %.2fx%n", winnow / ref);
            }
            if (l.startsWith("tokens: ") && Long.parseLong(l.substring(8).trim()) != tokens) {
                out.println("token counts differ: winnow " + tokens + ", gpt-tokenizer " + l.substring(8).trim()
                        + " (U+FEFF: JavaScript counts it as whitespace, GPT-2's Python reference does not)");
            }
        }
    }
}
