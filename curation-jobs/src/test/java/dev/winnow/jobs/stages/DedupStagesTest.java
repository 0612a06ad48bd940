package dev.winnow.jobs.stages;

import dev.winnow.dedup.FuzzyParams;
import dev.winnow.dedup.Jaccard;
import dev.winnow.dedup.MinHasher;
import dev.winnow.dedup.Shingler;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Pipeline;
import dev.winnow.jobs.run.Progress;
import dev.winnow.jobs.run.StageManifest;
import dev.winnow.jobs.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact-dedup and fuzzy-dedup stages in local[2] on a corpus written here. */
class DedupStagesTest {
    @TempDir
    Path dir;

    private static final String[] WORDS = ("the a of to and in that it was for on are as with his they at be this "
            + "from have or by one had not but what all were when we there can an your which their said if do will "
            + "each about how up out them then she many some so these would other into has more her two like him see "
            + "time could no make than first been its who now people my made over did down only way find use may water "
            + "long little very after words called just where most know get through back much before go good new write "
            + "our used me man too any day same right look think also around another came come work three word must "
            + "because does part even place well such here take why things help put years different away again off "
            + "went old number great tell men say small every found still between name should home big give air line "
            + "set own under read last never us left end along while might next sound below saw something thought both "
            + "few those always looked show large often together asked house world going want school important until "
            + "form food keep children feet land side without boy once animals life enough took sometimes four head "
            + "above kind began almost live page got earth need far hand high year mother light parts country father").split(" ");

    private static String text(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : i % 17 == 0 ? ". " : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.append('.').toString();
    }

    /** {@code text} with {@code n} words replaced at seeded positions. */
    private static String edited(String text, int n, long seed) {
        Random random = new Random(seed);
        String[] words = text.split(" ");
        for (int i = 0; i < n; i++) {
            words[random.nextInt(words.length)] = "edit" + random.nextInt(1000);
        }
        return String.join(" ", words);
    }

    private static double jaccard(String a, String b) {
        Shingler s = FuzzyParams.DEFAULT.shingler();
        return Jaccard.of(s.shingles(a), s.shingles(b));
    }

    private record Doc(String dataset, String id, String text) {
    }

    private String config(List<Doc> docs, String stages, String extra) throws IOException {
        Map<String, StringBuilder> files = new TreeMap<>();
        for (Doc d : docs) {
            files.computeIfAbsent(d.dataset, k -> new StringBuilder()).append("{\"id\":\"").append(d.id)
                    .append("\",\"text\":\"").append(d.text).append("\"}\n");
        }
        StringBuilder datasets = new StringBuilder();
        int priority = files.size();
        for (var e : files.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".jsonl");
            Files.writeString(f, e.getValue());
            // Datasets in name order get priorities n..1: "a-wiki" beats "b-books" beats "c-crawl".
            datasets.append("{ name = ").append(e.getKey()).append(", format = jsonl, path = \"").append(f)
                    .append("\", priority = ").append(priority--).append(" }\n");
        }
        return "winnow { run-dir = \"" + dir.resolve("run") + "\"\n datasets = [\n" + datasets + "]\n stages = ["
                + stages + "]\n" + extra + "}\n";
    }

    private static List<StageManifest> run(String config) {
        Progress progress = new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new Pipeline(SparkTestSession.get(), WinnowConfig.parse(config, List.of()), StageCatalog::create, progress)
                .run(null, null, progress);
    }

    private Map<String, String> rejected(String stage) {
        return SparkTestSession.get().read().parquet(dir.resolve("run/rejected/" + stage).toString()).collectAsList()
                .stream().collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("reason")));
    }

    private Map<String, List<String>> clusters(String stage) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Row r : SparkTestSession.get().read().parquet(dir.resolve("run/clusters/" + stage).toString()).collectAsList()) {
            List<String> members = r.<Row>getList(r.fieldIndex("members")).stream()
                    .map(m -> m.getString(0) + "@" + m.getString(1)).toList();
            assertEquals(members.size(), ((Number) r.getAs("size")).intValue());
            out.put(r.getAs("cluster"), members);
        }
        return out;
    }

    @Test
    void exactDedupKeepsTheHighestPriorityCopyOfNormalizedEqualTexts() throws IOException {
        Random random = new Random(1);
        String shared = text(random, 80);
        List<Doc> docs = new ArrayList<>(List.of(
                new Doc("c-crawl", "x1", shared),
                new Doc("c-crawl", "x2", shared.toUpperCase().replace(".", " !")),
                new Doc("b-books", "y1", "  " + shared.replace(" ", "\\n") + "  "),
                new Doc("a-wiki", "z9", shared),
                new Doc("a-wiki", "z1", shared.replace(".", ",")),
                new Doc("c-crawl", "solo", text(random, 80)),
                new Doc("b-books", "other", shared + " but a different ending")));
        List<StageManifest> m = run(config(docs, "ingest, exact-dedup", ""));
        StageManifest exact = m.get(1);
        assertEquals(7, exact.in());
        assertEquals(3, exact.kept());
        assertEquals(Map.of("exact-dup", 4L), exact.rejectedByReason());
        // Both wiki copies have the top priority; the least id wins.
        assertEquals(Map.of("c-crawl/x1", "exact-dup:a-wiki/z1", "c-crawl/x2", "exact-dup:a-wiki/z1",
                "b-books/y1", "exact-dup:a-wiki/z1", "a-wiki/z9", "exact-dup:a-wiki/z1"), rejected("exact-dedup"));
        assertEquals(Map.of("a-wiki/z1", List.of("a-wiki/z1@a-wiki", "a-wiki/z9@a-wiki", "b-books/y1@b-books",
                "c-crawl/x1@c-crawl", "c-crawl/x2@c-crawl")), clusters("exact-dedup"));
        assertEquals(1L, exact.metrics().get("clusters"));
        assertEquals(5L, exact.metrics().get("largest_cluster"));

        // Without normalization only the byte-identical copies are one group.
        run(config(docs, "ingest, exact-dedup", "exact-dedup { normalize = false }\n"));
        assertEquals(Map.of("c-crawl/x1", "exact-dup:a-wiki/z9"), rejected("exact-dedup"));
    }

    @Test
    void fuzzyDedupGroupsNearDuplicatesTransitivelyAndKeepsOnePerComponent() throws IOException {
        Random random = new Random(2);
        String a = text(random, 300);
        String b = edited(a, 3, 10);
        String c = edited(b, 3, 11);
        String far = text(random, 300);
        assertTrue(jaccard(a, b) >= 0.8 && jaccard(b, c) >= 0.8, jaccard(a, b) + " " + jaccard(b, c));
        List<Doc> docs = new ArrayList<>(List.of(
                new Doc("c-crawl", "a", a), new Doc("b-books", "b", b), new Doc("c-crawl", "c", c),
                new Doc("c-crawl", "far", far), new Doc("a-wiki", "far-copy", edited(far, 2, 12)),
                new Doc("c-crawl", "alone", text(random, 300)), new Doc("c-crawl", "short", "tiny text"),
                new Doc("c-crawl", "empty", "")));
        StageManifest fuzzy = run(config(docs, "ingest, fuzzy-dedup", "")).get(1);
        assertEquals(8, fuzzy.in());
        assertEquals(fuzzy.in(), fuzzy.kept() + fuzzy.rejected());
        assertEquals(Map.of("c-crawl/a", "fuzzy-dup:b-books/b", "c-crawl/c", "fuzzy-dup:b-books/b",
                "c-crawl/far", "fuzzy-dup:a-wiki/far-copy"), rejected("fuzzy-dedup"));
        assertEquals(Map.of("b-books/b", List.of("b-books/b@b-books", "c-crawl/a@c-crawl", "c-crawl/c@c-crawl"),
                "a-wiki/far-copy", List.of("a-wiki/far-copy@a-wiki", "c-crawl/far@c-crawl")), clusters("fuzzy-dedup"));
        assertEquals(2L, fuzzy.metrics().get("clusters"));
        assertTrue(fuzzy.metrics().get("verified_edges") >= 3, fuzzy.metrics().toString());
    }

    @Test
    void verificationRemovesCandidatesBelowTheThreshold() throws IOException {
        Random random = new Random(3);
        String a = text(random, 200);
        String half = edited(a, 25, 20);
        double j = jaccard(a, half);
        assertTrue(j > 0.2 && j < 0.6, "J " + j);
        List<Doc> docs = List.of(new Doc("a-wiki", "a", a), new Doc("c-crawl", "half", half));
        // 40 bands of one row: any shared MinHash value makes a candidate (P ≈ 1 - (1 - J)^40).
        String lsh = "fuzzy-dedup { bands = 40, rows = 1, verify = %s }\n";
        StageManifest unverified = run(config(docs, "ingest, fuzzy-dedup", lsh.formatted("false"))).get(1);
        assertEquals(Map.of("fuzzy-dup", 1L), unverified.rejectedByReason());
        StageManifest verified = run(config(docs, "ingest, fuzzy-dedup", lsh.formatted("true"))).get(1);
        assertEquals(0, verified.rejected());
        assertEquals(1L, verified.metrics().get("candidate_edges"));
        assertEquals(0L, verified.metrics().get("verified_edges"));
        assertTrue(clusters("fuzzy-dedup").isEmpty());
    }

    @Test
    void aBoilerplateBucketCostsOneEdgePerMember() throws IOException {
        Random random = new Random(4);
        String boiler = text(random, 120);
        List<Doc> docs = new ArrayList<>();
        int n = 300;
        for (int i = 0; i < n; i++) {
            docs.add(new Doc("c-crawl", String.format("p%03d", i), boiler));
        }
        StageManifest fuzzy = run(config(docs, "ingest, fuzzy-dedup", "")).get(1);
        // Every band puts all copies in one bucket: a star of n - 1 edges per band (its centre drawn
        // per band), at most 20 (n - 1) in all, not the n(n - 1)/2 = 44,850 pairs.
        long edges = fuzzy.metrics().get("candidate_edges");
        assertTrue(edges >= n - 1 && edges <= 20L * (n - 1), "edges " + edges);
        assertEquals(1, fuzzy.kept());
        assertEquals(n - 1L, fuzzy.rejected());
        assertEquals(List.of("c-crawl/p000"), clusters("fuzzy-dedup").keySet().stream().toList());
        // local mode: every signature task ran in this JVM, on its loop.
        boolean vector = MinHasher.loopKind() == MinHasher.Loop.VECTOR;
        long onVector = fuzzy.metrics().get("minhash_vector_tasks");
        long onScalar = fuzzy.metrics().get("minhash_scalar_tasks");
        assertTrue(onVector + onScalar > 0, "signature tasks counted");
        assertEquals(0L, vector ? onScalar : onVector, MinHasher.loop());
    }

    @Test
    void aLongChainIsOneComponent() throws IOException {
        // Each document is a one-word edit of the one before: far ends are not similar, but all are
        // connected, and the component algorithm must follow the whole chain.
        Random random = new Random(5);
        String t = text(random, 400);
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            docs.add(new Doc("c-crawl", String.format("k%02d", (i * 17) % 40), t));
            t = edited(t, 2, 100 + i);
        }
        assertTrue(jaccard(docs.get(0).text, docs.get(39).text) < 0.8);
        StageManifest fuzzy = run(config(docs, "ingest, fuzzy-dedup", "")).get(1);
        assertEquals(1, fuzzy.kept());
        assertEquals(Map.of("c-crawl/k00", docs.stream().map(d -> d.id).sorted().map(id -> "c-crawl/" + id + "@c-crawl")
                .toList()), clusters("fuzzy-dedup"));
    }
}
