package dev.winnow.jobs.ingest;

import dev.winnow.jobs.bench.HostileCorpus;
import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.SourceFormat;
import dev.winnow.jobs.ingest.html.JusTextExtractor;
import dev.winnow.jobs.ingest.html.JusTextParams;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The readers alone (no Spark) over a small {@link HostileCorpus}: every record comes out of its
 * file with the outcome the corpus manifest states, and nothing else comes out.
 */
class HostileReadersTest {
    @TempDir
    Path dir;

    @Test
    void everyHostileRecordHasItsExpectedIngestOutcome() throws IOException {
        HostileCorpus.Manifest m = HostileCorpus.write(dir.resolve("corpus"),
                new HostileCorpus.Settings(10, 1000, 100_000, 200_000, 7));
        Map<String, SourceFormat> formats = Map.of(HostileCorpus.JSONL, SourceFormat.JSONL,
                HostileCorpus.LINES, SourceFormat.TEXT, HostileCorpus.FILES, SourceFormat.TEXT,
                HostileCorpus.WARC, SourceFormat.WARC, HostileCorpus.WET, SourceFormat.WET,
                HostileCorpus.PARQUET, SourceFormat.PARQUET);
        Configuration conf = new Configuration();
        SourceReaders readers = new SourceReaders(IngestLimits.defaults(),
                new JusTextExtractor(JusTextParams.defaults(), List.of("en", "de")), conf);
        // What the readers say: per dataset and location, "reason id" (one per record).
        Map<String, String> actual = new LinkedHashMap<>();
        Map<String, Long> bulk = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (var d : m.datasets().entrySet()) {
            DatasetSpec spec = new DatasetSpec(d.getKey(), formats.get(d.getKey()), List.of(d.getValue()), 0, "id", "text",
                    "url", d.getKey().equals(HostileCorpus.LINES) ? DatasetSpec.TextUnit.LINE : DatasetSpec.TextUnit.FILE);
            for (IngestSplit split : SourceFiles.splits(SourceFiles.list(spec, conf), IngestLimits.defaults().splitBytes())) {
                long t0 = System.nanoTime();
                try (RecordSource s = readers.open(split, spec)) {
                    SourceRecord r;
                    while ((r = s.next()) != null) {
                        if (split.name().equals("one-char.txt")) {
                            bulk.merge(d.getKey() + "/" + split.name() + " " + r.reason(), 1L, Long::sum);
                            continue;
                        }
                        String key = d.getKey() + " " + r.location();
                        String id = r.kept() ? d.getKey() + "/" + (r.sourceId() != null ? r.sourceId() : sha1(r.text())) : null;
                        String was = actual.put(key, r.reason() + " " + id + (r.kept() ? "" : " (" + r.detail() + ")"));
                        if (was != null) {
                            problems.add("two records at " + key);
                        }
                    }
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms > 20_000) {
                    problems.add(split.name() + " took " + ms + " ms");
                }
            }
        }
        for (HostileCorpus.Expected e : m.records()) {
            if (e.location() == null) {
                assertEquals(e.count(), bulk.getOrDefault(e.dataset() + "/" + e.file() + " " + e.ingestReason(), 0L), e.toString());
                continue;
            }
            String key = e.dataset() + " " + e.location();
            String got = actual.remove(key);
            if (got == null) {
                problems.add("missing: " + e);
                continue;
            }
            String want = e.ingestReason() + " " + e.id();
            if (!(got.equals(want) || (e.id() == null && e.ingestReason() == null && got.startsWith("null ")))
                    && !got.startsWith(want + " (")) {
                problems.add(e.kind() + " " + key + ": expected " + want + ", got " + abbreviate(got));
            }
        }
        actual.forEach((k, v) -> problems.add("unexpected record " + k + ": " + abbreviate(v)));
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
