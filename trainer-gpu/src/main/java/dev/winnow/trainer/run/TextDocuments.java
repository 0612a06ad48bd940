package dev.winnow.trainer.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The documents of one dataset folder: each {@code *.txt} file is a document, and each line of
 * a {@code *.jsonl} or {@code *.jsonl.gz} file is one, its text in the field {@code field}
 * (lines that are not JSON objects with that text field are skipped).
 * Files are read in path order, so the stream is the same on every run.
 */
public record TextDocuments(Path folder, String field) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public List<String> read() {
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    List<String> docs = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      try {
        if (name.endsWith(".txt")) {
          docs.add(Files.readString(f, StandardCharsets.UTF_8));
        } else if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")) {
          readJsonLines(f, name.endsWith(".gz"), docs);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("no documents (.txt, .jsonl, .jsonl.gz) under " + folder);
    }
    return docs;
  }

  private void readJsonLines(Path f, boolean gzip, List<String> docs) throws IOException {
    try (InputStream raw = Files.newInputStream(f);
        InputStream in = gzip ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode record;
        try {
          record = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
          // Raw corpora hold malformed records (the sample plants one); the curation pipeline
          // rejects them, and so does this stand-in.
          continue;
        }
        JsonNode text = record.get(field);
        if (text != null && text.isTextual()) {
          docs.add(text.asText());
        }
      }
    }
  }
}
