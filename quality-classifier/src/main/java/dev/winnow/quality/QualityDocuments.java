package dev.winnow.quality;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Documents for training or judging the quality model, from files: JSONL (its {@code text}
 * field; {@code .jsonl}, {@code .json}, optionally {@code .gz}) or plain text, one document per
 * line. A line that is not a JSON object with a string {@code text} is skipped and listed.
 */
public record QualityDocuments(List<String> texts, List<String> skipped) {

    public static QualityDocuments read(List<Path> files) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        JsonFactory json = new JsonFactory();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.gz$", "");
            boolean isJson = name.endsWith(".jsonl") || name.endsWith(".json");
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                long number = 0;
                for (String line; (line = r.readLine()) != null; ) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    if (!isJson) {
                        texts.add(line);
                        continue;
                    }
                    String text = textField(json, line);
                    if (text == null) {
                        skipped.add(file + ":" + number + ": not a JSON object with a string \"text\"");
                    } else {
                        texts.add(text);
                    }
                }
            }
        }
        return new QualityDocuments(List.copyOf(texts), List.copyOf(skipped));
    }

    private static String textField(JsonFactory json, String line) {
        try (JsonParser p = json.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("text".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
