package dev.winnow.jobs.bench;

import dev.winnow.jobs.run.Fingerprint;
import dev.winnow.quality.lid.Detection;
import dev.winnow.quality.lid.LabelledText;
import dev.winnow.quality.lid.LanguageIdentifier;
import dev.winnow.quality.lid.LanguageScore;
import dev.winnow.quality.lid.LidEvaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Language identification speed, one thread: on the Lingua sentence set and on 10 KB documents
 * made from it (consecutive sentences of one language joined), so both short-text and
 * document-sized cost are measured. Peers (CLD2: bench/cld2/run.sh) run on the same files.
 * Then, speed only (they have no gold labels), on real documents as the language stage sees
 * them: the Common Crawl pages and the Europarl documents of the data folder, or given files.
 */
public final class LidBench {
    public static final String SENTENCES = "lid/lid_lingua_sentences.tsv.gz";
    public static final int DOCUMENT_BYTES = 10_000;
    /** Real documents of the data folder, without gold labels: timed, not scored. */
    public static final String[] WEB_DOCUMENTS = {"web/web_cc_docs.jsonl.gz", "quality/europarl_docs.jsonl.gz"};

    private final PrintStream out;

    public LidBench(PrintStream out) {
        this.out = out;
    }

    /** {@code docs}: JSONL files or folders of real documents to time; empty: {@link #WEB_DOCUMENTS}. */
    public void run(Path data, List<Path> docs, int passes) throws IOException {
        Path file = data.resolve(SENTENCES);
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file + " (give --data, the folder that holds lid/)");
        }
        long t0 = System.nanoTime();
        LanguageIdentifier lid = LanguageIdentifier.shared();
        out.printf(Locale.ROOT, "model_load_s: %.2f%n", (System.nanoTime() - t0) / 1e9);
        out.printf(Locale.ROOT, "model_memory_mb: %.0f%n", lid.modelMemoryBytes() / 1e6);
        LabelledText sentences = LabelledText.read(file);
        // One untimed pass so the JIT has compiled the detector before anything is timed.
        LidEvaluation.run(lid, sentences, "en", 1);
        print("sentences", LidEvaluation.run(lid, sentences, "en", passes), true);
        printDigest("sentences", lid, sentences.texts());
        LabelledText documents = sentences.documents(DOCUMENT_BYTES);
        print("docs_10k", LidEvaluation.run(lid, documents, "en", passes), true);
        printDigest("docs_10k", lid, documents.texts());
        List<String> texts = new ArrayList<>();
        if (docs.isEmpty()) {
            List<Path> shared = Arrays.stream(WEB_DOCUMENTS).map(data::resolve).filter(Files::isReadable).toList();
            if (!shared.isEmpty()) {
                texts.addAll(BenchCorpus.realTexts(data, shared::contains));
            }
        }
        for (Path d : docs) {
            texts.addAll(BenchCorpus.realTexts(d));
        }
        if (!texts.isEmpty()) {
            LabelledText unlabelled = new LabelledText(data, Collections.nCopies(texts.size(), "und"), texts, List.of());
            print("web_docs", LidEvaluation.run(lid, unlabelled, "en", passes), false);
            printDigest("web_docs", lid, texts);
        }
    }

    /**
     * A SHA-256 of every detection (language, the top three with their probabilities' bits, the
     * letters scored), untimed: two builds that print the same digest detect the same on the set.
     */
    private void printDigest(String set, LanguageIdentifier lid, List<String> texts) {
        Fingerprint digest = Fingerprint.start();
        for (String text : texts) {
            Detection d = lid.detect(text, 3);
            digest.add(d.language()).add(Double.doubleToLongBits(d.confidence())).add(d.letters());
            for (LanguageScore score : d.top()) {
                digest.add(score.language()).add(Double.doubleToLongBits(score.probability()));
            }
        }
        out.println(set + ".detections_sha256: " + digest.hex());
    }

    /** {@code labelled}: whether the set has gold labels, so that its accuracy means something. */
    private void print(String set, LidEvaluation e, boolean labelled) {
        out.println(set + ".lines: " + e.lines());
        if (labelled) {
            out.printf(Locale.ROOT, "%s.accuracy: %.4f%n", set, e.accuracy());
        }
        out.printf(Locale.ROOT, "%s.mb_per_s: %.2f%n", set, e.megabytesPerSecond());
        out.printf(Locale.ROOT, "%s.mb_per_s_median: %.2f%n", set, e.medianMegabytesPerSecond());
    }
}
