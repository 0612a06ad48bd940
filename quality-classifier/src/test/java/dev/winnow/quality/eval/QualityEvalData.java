package dev.winnow.quality.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.winnow.quality.QualityText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The quality classifier's labelled data from {@code ../shared/data}: positives are the English
 * curated texts (WikiText-2 articles, the English Gutenberg chunks, the KJV Bible), negatives
 * the raw Common Crawl pages and SMS spam. Prepared as the model sees them ({@link QualityText}),
 * shuffled with a fixed seed and split 80/20.
 */
final class QualityEvalData {
    static final String POSITIVE = "__label__hq";
    static final String NEGATIVE = "__label__lq";

    record Doc(String label, String text) {}

    final List<Doc> train;
    final List<Doc> test;

    QualityEvalData(Path data) throws IOException {
        List<Doc> all = new ArrayList<>();
        for (String f : List.of("hq_wikitext2_articles", "hq_gutenberg_chunks", "hq_kjv_bible_chapters")) {
            for (String[] langText : jsonl(data.resolve("quality/" + f + ".jsonl.gz"))) {
                if (langText[0] == null || langText[0].equals("en")) {
                    all.add(new Doc(POSITIVE, QualityText.prepare(langText[1])));
                }
            }
        }
        for (String[] langText : jsonl(data.resolve("web/web_cc_docs.jsonl.gz"))) {
            all.add(new Doc(NEGATIVE, QualityText.prepare(langText[1])));
        }
        for (String line : lines(data.resolve("quality/spam_sms.tsv.gz"))) {
            if (line.startsWith("spam\t")) {
                all.add(new Doc(NEGATIVE, QualityText.prepare(line.substring(5))));
            }
        }
        all.removeIf(d -> d.text().isBlank());
        Collections.shuffle(all, new Random(20261126));
        int cut = all.size() * 4 / 5;
        train = List.copyOf(all.subList(0, cut));
        test = List.copyOf(all.subList(cut, all.size()));
    }

    /** fastText's training format: label, space, text, one document per line. */
    static void write(List<Doc> docs, Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Doc d : docs) {
            s.append(d.label()).append(' ').append(d.text().replace('\r', ' ')).append('\n');
        }
        Files.writeString(file, s);
    }

    private static List<String> lines(Path gz) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                out.add(l);
            }
        }
        return out;
    }

    /** The {@code lang} (or null) and {@code text} of each JSONL record. */
    private static List<String[]> jsonl(Path gz) throws IOException {
        List<String[]> out = new ArrayList<>();
        JsonFactory json = new JsonFactory();
        for (String line : lines(gz)) {
            String lang = null;
            String text = null;
            try (JsonParser p = json.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("lang".equals(field)) {
                        lang = p.getText();
                    } else if ("text".equals(field)) {
                        text = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (text != null) {
                out.add(new String[] {lang, text});
            }
        }
        return out;
    }
}
