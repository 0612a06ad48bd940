package dev.winnow.quality.lid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy and speed of a detector on labelled text. Only detection is timed (the file is read
 * first), on the calling thread; with several passes the speed is the fastest pass (the least
 * disturbed by other work on the machine) and the median is reported beside it.
 */
public record LidEvaluation(
        String file,
        long lines,
        long correct,
        Map<String, long[]> byLanguage,
        String englishCode,
        long english,
        long englishFound,
        long nonEnglish,
        long nonEnglishAsEnglish,
        long undetermined,
        long malformed,
        long bytes,
        long nanos,
        long medianNanos,
        int passes) {

    public static LidEvaluation run(LanguageIdentifier lid, LabelledText data, String englishCode) {
        return run(lid, data, englishCode, 1);
    }

    public static LidEvaluation run(LanguageIdentifier lid, LabelledText data, String englishCode, int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1, got " + passes);
        }
        List<String> texts = data.texts();
        String[] predicted = new String[texts.size()];
        long bytes = 0;
        for (String text : texts) {
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        long[] times = new long[passes];
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = lid.detect(texts.get(i), 1).language();
            }
            times[pass] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times);
        Map<String, long[]> byLanguage = new TreeMap<>();
        long correct = 0, english = 0, englishFound = 0, nonEnglish = 0, falseEnglish = 0, undetermined = 0;
        for (int i = 0; i < predicted.length; i++) {
            String gold = data.labels().get(i);
            boolean ok = gold.equals(predicted[i]);
            long[] counts = byLanguage.computeIfAbsent(gold, g -> new long[2]);
            counts[0] += ok ? 1 : 0;
            counts[1]++;
            correct += ok ? 1 : 0;
            undetermined += Detection.UNDETERMINED.equals(predicted[i]) ? 1 : 0;
            if (gold.equals(englishCode)) {
                english++;
                englishFound += ok ? 1 : 0;
            } else {
                nonEnglish++;
                falseEnglish += englishCode.equals(predicted[i]) ? 1 : 0;
            }
        }
        return new LidEvaluation(data.file().toString(), predicted.length, correct, byLanguage, englishCode, english,
                englishFound, nonEnglish, falseEnglish, undetermined, data.malformed().size(), bytes, times[0],
                times[passes / 2], passes);
    }

    public double accuracy() {
        return ratio(correct, lines);
    }

    public double englishRecall() {
        return ratio(englishFound, english);
    }

    /** Of the lines predicted English, the share that are English. */
    public double englishPrecision() {
        return ratio(englishFound, englishFound + nonEnglishAsEnglish);
    }

    public double englishFalsePositiveRate() {
        return ratio(nonEnglishAsEnglish, nonEnglish);
    }

    /** Throughput of the fastest pass. */
    public double megabytesPerSecond() {
        return nanos == 0 ? 0 : bytes / (nanos / 1e9) / 1e6;
    }

    public double medianMegabytesPerSecond() {
        return medianNanos == 0 ? 0 : bytes / (medianNanos / 1e9) / 1e6;
    }

    public double accuracy(String language) {
        long[] counts = byLanguage.get(language);
        return counts == null ? Double.NaN : ratio(counts[0], counts[1]);
    }

    /** One labelled figure per line, e.g. {@code accuracy: 0.9612}. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        out.add("file: " + file);
        out.add("lines: " + lines);
        out.add("malformed_lines: " + malformed);
        out.add("languages: " + byLanguage.size());
        out.add(fmt("accuracy", accuracy()));
        out.add(fmt("english_recall", englishRecall()));
        out.add(fmt("english_precision", englishPrecision()));
        out.add(fmt("english_false_positive_rate", englishFalsePositiveRate()));
        out.add("english_false_positives: " + nonEnglishAsEnglish + " of " + nonEnglish);
        out.add("undetermined: " + undetermined);
        out.add(String.format(Locale.ROOT, "mb_per_s: %.2f", megabytesPerSecond()));
        out.add(String.format(Locale.ROOT, "mb_per_s_median: %.2f", medianMegabytesPerSecond()));
        out.add("passes: " + passes);
        byLanguage.forEach((lang, counts) -> out.add(fmt("accuracy." + lang, ratio(counts[0], counts[1]))
                + " (" + counts[0] + "/" + counts[1] + ")"));
        return out;
    }

    private static String fmt(String label, double value) {
        return String.format(Locale.ROOT, "%s: %.4f", label, value);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
