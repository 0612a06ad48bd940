import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.winnow.jobs.clean.CleanParams;
import dev.winnow.jobs.clean.TextCleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

public class CleanTime {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[1]); int passes = Integer.parseInt(a[2]);
        JsonFactory json = new JsonFactory();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(a[0]))) {
            files = s.filter(p -> p.toString().endsWith(".jsonl"))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.getFileName().toString()).thenComparing(Path::toString)).toList();
        }
        List<String> texts = new ArrayList<>();
        outer:
        for (Path f : files) for (String line : (Iterable<String>) Files.lines(f)::iterator) {
            try (JsonParser p = json.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) { String k = p.currentName(); p.nextToken(); if (k.equals("text")) { texts.add(p.getText()); break; } p.skipChildren(); }
            }
            if (texts.size() == n) break outer;
        }
        TextCleaner c = new TextCleaner(CleanParams.defaults());
        long bytes = 0; for (String t : texts) bytes += t.length();
        StringBuilder rates = new StringBuilder(); long digest = 0;
        for (int pass = 0; pass <= passes; pass++) {
            long t0 = System.nanoTime(); long d = 0;
            for (String t : texts) d = d * 31 + c.normalize(t).hashCode();
            double mb = bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
            if (pass > 0) rates.append(String.format(" %.0f", mb));
            digest = d;
        }
        System.out.printf("docs %d chars_MB/s%s digest %016x%n", texts.size(), rates, digest);
    }
}
