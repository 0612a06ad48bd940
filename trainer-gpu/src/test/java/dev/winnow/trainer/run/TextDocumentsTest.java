package dev.winnow.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDocumentsTest {
  @TempDir
  Path dir;

  @Test
  void readsTextFilesAndJsonLinesSkippingMalformedRecords() throws Exception {
    Files.writeString(dir.resolve("b.txt"), "a book");
    Files.writeString(dir.resolve("a.jsonl"),
        "{\"body\": \"first\"}\n{\"body\": \"cut off\n\n{\"other\": 1}\n{\"body\": \"last\"}\n");
    Files.writeString(dir.resolve("notes.md"), "not a document");
    assertEquals(List.of("first", "last", "a book"), new TextDocuments(dir, "body").read());
  }

  @Test
  void theSampleEncyclopediaKeepsItsThirtyValidRecords() {
    Path enc = Path.of("..", "conf", "sample", "encyclopedia");
    // 32 lines: one malformed JSON line is skipped; the invalid-UTF-8 line still parses
    assertEquals(31, new TextDocuments(enc, "text").read().size());
  }
}
