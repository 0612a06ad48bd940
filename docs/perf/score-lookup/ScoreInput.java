import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.winnow.quality.QualityText;
import dev.winnow.quality.lid.LanguageIdentifier;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quality stage's scoring input from a scale corpus: the first N documents the shipped
 * detector calls English, prepared as the stage prepares them (QualityText), one per line.
 *   java -cp CLASSES:JACKSON ScoreInput.java CORPUS_DIR N OUT
 */
public class ScoreInput {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[1]);
        LanguageIdentifier lid = LanguageIdentifier.shared();
        JsonFactory json = new JsonFactory();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(a[0]))) {
            // curated and web alternate, file by file, as the stage sees both
            files = s.filter(p -> p.toString().endsWith(".jsonl"))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.getFileName().toString()).thenComparing(Path::toString))
                    .toList();
        }
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(a[2]))) {
            for (Path f : files) {
                for (String line : (Iterable<String>) Files.lines(f)::iterator) {
                    String text = textOf(json, line);
                    if (text == null || !lid.detect(text, 1).language().equals("en")) {
                        continue;
                    }
                    out.write(QualityText.prepare(text).replace('\r', ' '));
                    out.write('\n');
                    if (++written == n) {
                        System.out.println("written " + written);
                        return;
                    }
                }
            }
        }
        System.out.println("written " + written + " (corpus exhausted)");
    }

    private static String textOf(JsonFactory json, String line) throws Exception {
        try (JsonParser p = json.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("text")) {
                    return p.getText();
                }
                p.skipChildren();
            }
        }
        return null;
    }
}
