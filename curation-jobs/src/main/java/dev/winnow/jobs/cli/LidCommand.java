package dev.winnow.jobs.cli;

import dev.winnow.quality.lid.Detection;
import dev.winnow.quality.lid.LabelledText;
import dev.winnow.quality.lid.LanguageIdentifier;
import dev.winnow.quality.lid.LanguageScore;
import dev.winnow.quality.lid.LidEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code winnow lid}: the language identifier on its own — evaluate, list languages, detect. */
@Command(name = "lid", mixinStandardHelpOptions = true, description = "Language identification tools.",
        subcommands = {LidCommand.Eval.class, LidCommand.Languages.class, LidCommand.Detect.class})
final class LidCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Accuracy, English recall and false-positive rate, per-language accuracy and MB/s "
                    + "(one thread) on TSV files of lang<TAB>text (.tsv or .tsv.gz).")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Labelled TSV file; repeat for several.")
        List<Path> data;

        @Option(names = "--english", description = "Code of the language whose recall and false positives "
                + "are reported (default: en).")
        String english = "en";

        @Option(names = "--passes", description = "Timed passes; MB/s is the fastest, the median is printed "
                + "beside it (default: 3).")
        int passes = 3;

        @Override
        public Integer call() throws IOException {
            if (passes < 1) {
                System.err.println("winnow lid eval: --passes must be at least 1");
                return 2;
            }
            for (Path file : data) {
                if (!Files.isReadable(file)) {
                    System.err.println("winnow lid eval: cannot read " + file);
                    return 2;
                }
            }
            LanguageIdentifier lid = LanguageIdentifier.shared();
            for (Path file : data) {
                LabelledText text = LabelledText.read(file);
                text.malformed().forEach(m -> System.err.println("skipped: " + m));
                LidEvaluation.run(lid, text, english, passes).report().forEach(System.out::println);
            }
            return 0;
        }
    }

    @Command(name = "languages", mixinStandardHelpOptions = true,
            description = "The languages the model knows (ISO 639-1) and where the model came from.")
    static final class Languages implements Runnable {
        @Override
        public void run() {
            var header = LanguageIdentifier.shippedModel();
            System.out.println("model: " + header.source());
            System.out.println("languages: " + header.languages().size());
            System.out.println(String.join(" ", header.languages()));
        }
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = "Detects the language of each line of standard input (or of the arguments): "
                    + "prints lang, confidence and the top candidates, tab-separated.")
    static final class Detect implements Callable<Integer> {
        @Parameters(arity = "0..*", description = "Texts to detect; standard input when none.")
        List<String> texts;

        @Option(names = "--top", description = "Candidates to list (default: 3).")
        int top = 3;

        @Override
        public Integer call() throws IOException {
            LanguageIdentifier lid = LanguageIdentifier.shared();
            PrintStream out = System.out;
            if (texts != null && !texts.isEmpty()) {
                texts.forEach(t -> out.println(format(lid.detect(t, top))));
                return 0;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                out.println(format(lid.detect(line, top)));
            }
            return 0;
        }

        static String format(Detection d) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s\t%.4f", d.language(), d.confidence()));
            for (LanguageScore c : d.top()) {
                s.append(String.format(Locale.ROOT, "\t%s:%.4f", c.language(), c.probability()));
            }
            return s.toString();
        }
    }
}
