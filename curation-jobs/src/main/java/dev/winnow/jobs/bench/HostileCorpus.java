package dev.winnow.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.luben.zstd.ZstdOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * A hostile corpus, generated (no binary fixtures): files of every source format that are broken
 * in the ways real crawls and dumps are broken, each with known good records mixed in, and a
 * {@link Manifest} that says, for every record, what the pipeline must do with it.
 *
 * <p>Six datasets, one folder each under the root: {@code j} (JSONL), {@code lines} (text, one
 * document per line), {@code files} (text, one document per file), {@code warc}, {@code wet} and
 * {@code pq} (Parquet). {@link #config} writes a pipeline config over them with every stage.
 *
 * <p>Every record the ingest readers will meet is one {@link Expected} row (or one row standing for
 * {@code count} alike records): its file, its location ({@code <file>@<byte offset>} as ingest
 * names it, or null for a bulk row), the ingest outcome (null = kept, else the reason code), the
 * document id when kept, and, when a later stage must reject it, that stage and reason. Good
 * records ({@code good = true}) are ordinary English prose that must reach the ingest output.
 * The same seed gives the same bytes.
 */
public final class HostileCorpus {
    /** One kind of broken (or merely hostile) input. */
    public record Kind(String name, String description, String outcome) {
    }

    /**
     * What must happen to a record (or {@code count} alike records of one file).
     *
     * @param location     ingest's location of the record ({@code <file>@<offset>}, {@code <file>#row=<n>} or
     *                     the file for file-level rows); null for a bulk row, counted by file
     * @param ingestReason null when ingest keeps it, else the rejection reason code
     * @param id           the document id ingest gives a kept record, when known
     * @param laterStage   a later stage that must reject the (kept) record, or null
     * @param laterReason  that stage's reason code
     * @param good         an ordinary good record that must reach the ingest output
     */
    public record Expected(String kind, String dataset, String file, String location, long count, String ingestReason,
                           String id, String laterStage, String laterReason, boolean good) {
    }

    /** The corpus: its kinds, every record's expected outcome, and the dataset folders. */
    public record Manifest(Path root, List<Kind> kinds, List<Expected> records, Map<String, String> datasets) {
        public long totalRecords() {
            return records.stream().mapToLong(Expected::count).sum();
        }

        public List<Expected> good() {
            return records.stream().filter(Expected::good).toList();
        }
    }

    /** Sizes; {@link #full()} is what the issue asks for. */
    public record Settings(int hugeDocumentMb, int oneCharDocuments, int nestingDepth, int floodChars, long seed) {
        public static Settings full() {
            return new Settings(100, 1_000_000, 100_000, 200_000, 7);
        }
    }

    public static final String JSONL = "j";
    public static final String LINES = "lines";
    public static final String FILES = "files";
    public static final String WARC = "warc";
    public static final String WET = "wet";
    public static final String PARQUET = "pq";

    private static final byte[] NL = {'\n'};

    private final Path root;
    private final Settings settings;
    private final SplittableRandom random;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final List<Expected> records = new ArrayList<>();
    private int goodCounter;

    private HostileCorpus(Path root, Settings settings) {
        this.root = root;
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
    }

    /** Writes the corpus under {@code root} (created; must be empty or absent) and returns its manifest. */
    public static Manifest write(Path root, Settings settings) throws IOException {
        HostileCorpus c = new HostileCorpus(root, settings);
        for (String d : List.of(JSONL, LINES, FILES, WARC, WET, PARQUET)) {
            Files.createDirectories(root.resolve(d));
        }
        c.jsonl();
        c.lines();
        c.files();
        c.warc();
        c.wet();
        c.parquet();
        c.tasksAndBlend();
        Map<String, String> datasets = new LinkedHashMap<>();
        for (String d : List.of(JSONL, LINES, FILES, WARC, WET, PARQUET)) {
            datasets.put(d, root.resolve(d).toString());
        }
        Manifest m = new Manifest(root, List.copyOf(c.kinds.values()), List.copyOf(c.records), datasets);
        ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kinds", m.kinds());
        out.put("records", m.records());
        json.writeValue(root.resolve("MANIFEST.json").toFile(), out);
        return m;
    }

    /**
     * A pipeline config over the corpus: every stage; quality trained on the JSONL and Parquet
     * prose against the WARC pages; a small task set; a blend over all six datasets.
     */
    public static String config(Manifest m, Path runDir) {
        Path r = m.root();
        return "winnow {\n"
                + "  run-dir = \"" + runDir + "\"\n"
                + "  datasets = [\n"
                + "    { name = " + JSONL + ", format = jsonl, path = \"" + r.resolve(JSONL) + "\", priority = 3 }\n"
                + "    { name = " + LINES + ", format = text, text-unit = line, path = \"" + r.resolve(LINES) + "\" }\n"
                + "    { name = " + FILES + ", format = text, path = \"" + r.resolve(FILES) + "\" }\n"
                + "    { name = " + WARC + ", format = warc, path = \"" + r.resolve(WARC) + "\" }\n"
                + "    { name = " + WET + ", format = wet, path = \"" + r.resolve(WET) + "\" }\n"
                + "    { name = " + PARQUET + ", format = parquet, path = \"" + r.resolve(PARQUET) + "\", priority = 2 }\n"
                + "  ]\n"
                + "  stages = [ingest, clean, language, quality, exact-dedup, fuzzy-dedup, decontaminate, blend]\n"
                + "  quality { positive = [" + JSONL + ", " + PARQUET + "], negative = [" + WARC + "], train { bucket = 10000 } }\n"
                + "  decontaminate { tasks = [ { name = hostile-qa, path = \"" + r.resolve("tasks/qa.jsonl") + "\" } ] }\n"
                + "  blend { spec = \"" + r.resolve("blend.conf") + "\", shard-tokens = 20000 }\n"
                + "}\n";
    }

    // ---------------------------------------------------------------- JSONL

    private void jsonl() throws IOException {
        kind("good", "ordinary English prose records, mixed into every file", "kept by ingest (the control group)");
        Lines good = new Lines(JSONL, "good.jsonl");
        for (int i = 0; i < 12; i++) {
            good.goodJson("good");
        }
        good.write();

        kind("invalid-utf8", "0xFF, an overlong '/', a UTF-8-encoded surrogate (CESU), a sequence cut by the line end, "
                + "a lone continuation byte", "ingest rejects each record: invalid-utf8");
        Lines bad = new Lines(JSONL, "invalid-utf8.jsonl");
        bad.goodJson("invalid-utf8");
        for (byte[] junk : List.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0x80})) {
            bad.rejected("invalid-utf8", concat(ascii("{\"id\":\"bad\",\"text\":\"" + prose() + " "), junk, ascii("\"}")),
                    "invalid-utf8");
            bad.goodJson("invalid-utf8");
        }
        bad.rejected("invalid-utf8", concat(ascii("{\"id\":\"cut\",\"text\":\"x\"} "), new byte[]{(byte) 0xE2, (byte) 0x82}),
                "invalid-utf8");
        bad.write();

        kind("utf16-no-bom", "UTF-16LE text without a byte-order mark (every other byte NUL)",
                "JSONL: each line is malformed-json; text file: binary-content; text lines: binary-content");
        StringBuilder u16 = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            u16.append("{\"id\":\"u16-").append(i).append("\",\"text\":\"").append(prose()).append("\"}\n");
        }
        byte[] utf16 = u16.toString().getBytes(StandardCharsets.UTF_16LE);
        rejectLinesOf(JSONL, "utf16-no-bom.jsonl", "utf16-no-bom", utf16, "malformed-json");

        kind("nul-bytes", "raw NUL bytes inside and outside JSON strings, one escaped NUL in prose, text of escaped NULs",
                "raw NULs: malformed-json; mostly NUL: binary-content; one stray NUL is kept (clean removes it)");
        Lines nul = new Lines(JSONL, "nul-bytes.jsonl");
        nul.goodJson("nul-bytes");
        nul.rejected("nul-bytes", concat(ascii("{\"id\":\"raw\",\"text\":\"abc"), new byte[]{0, 0}, ascii("def\"}")),
                "malformed-json");
        nul.rejected("nul-bytes", concat(new byte[]{0}, ascii("{\"id\":\"lead\",\"text\":\"" + prose() + "\"}")),
                "malformed-json");
        String stray = prose();
        nul.kept("nul-bytes", ascii("{\"id\":\"stray-nul\",\"text\":\"" + stray.substring(0, 40) + "\\u0000"
                + stray.substring(40) + "\"}"), JSONL + "/stray-nul", null, null);
        nul.rejected("nul-bytes", ascii("{\"id\":\"all-nul\",\"text\":\"" + "\\u0000".repeat(300) + "ok\"}"),
                "binary-content");
        nul.goodJson("nul-bytes");
        nul.write();

        kind("json-wrong-types", "text as number, boolean, array, object or null, or absent; id or url as object or array; "
                + "top-level array or string; two objects on one line; a 5,000-digit number",
                "text not a string: missing-text; not an object, trailing data, numbers over Jackson's limit: "
                        + "malformed-json; an id or url that is not a scalar is ignored (the id becomes the text's SHA-1)");
        Lines types = new Lines(JSONL, "wrong-types.jsonl");
        types.goodJson("json-wrong-types");
        for (String v : List.of("42", "true", "[\"a\",\"b\"]", "{\"a\":\"b\"}", "null")) {
            types.rejected("json-wrong-types", ascii("{\"id\":\"t\",\"text\":" + v + "}"), "missing-text");
        }
        types.rejected("json-wrong-types", ascii("{\"id\":\"none\",\"body\":\"" + prose() + "\"}"), "missing-text");
        String objId = prose();
        types.kept("json-wrong-types", ascii("{\"id\":{\"nested\":1},\"text\":\"" + objId + "\"}"), JSONL + "/" + sha1(objId),
                null, null);
        String arrId = prose();
        types.kept("json-wrong-types", ascii("{\"id\":[1,2],\"url\":{\"u\":1},\"text\":\"" + arrId + "\"}"),
                JSONL + "/" + sha1(arrId), null, null);
        types.rejected("json-wrong-types", ascii("[\"" + prose() + "\"]"), "malformed-json");
        types.rejected("json-wrong-types", ascii("\"" + prose() + "\""), "malformed-json");
        types.rejected("json-wrong-types", ascii("{\"id\":\"a\",\"text\":\"one\"} {\"id\":\"b\",\"text\":\"two\"}"),
                "malformed-json");
        types.rejected("json-wrong-types", ascii("{\"id\":" + "9".repeat(5000) + ",\"text\":\"" + prose() + "\"}"),
                "malformed-json");
        types.goodJson("json-wrong-types");
        types.write();

        kind("json-duplicate-keys", "two 'text' or two 'id' fields in one object; a duplicated field the reader ignores",
                "a duplicated text or id field is ambiguous: malformed-json; other duplicates are harmless: kept");
        Lines dup = new Lines(JSONL, "duplicate-keys.jsonl");
        dup.goodJson("json-duplicate-keys");
        dup.rejected("json-duplicate-keys", ascii("{\"id\":\"d1\",\"text\":\"" + prose() + "\",\"text\":\"" + prose() + "\"}"),
                "malformed-json");
        dup.rejected("json-duplicate-keys", ascii("{\"id\":\"d2\",\"id\":\"d3\",\"text\":\"" + prose() + "\"}"),
                "malformed-json");
        dup.kept("json-duplicate-keys", ascii("{\"id\":\"d4\",\"meta\":1,\"meta\":2,\"text\":\"" + prose() + "\"}"),
                JSONL + "/d4", null, null);
        dup.goodJson("json-duplicate-keys");
        dup.write();

        kind("lone-surrogates", "JSON escapes of unpaired UTF-16 surrogates (\\ud800, \\udc00, a reversed pair)",
                "not Unicode text: invalid-utf8 (a valid escaped pair is kept)");
        Lines sur = new Lines(JSONL, "surrogates.jsonl");
        sur.goodJson("lone-surrogates");
        for (String esc : List.of("\\ud800", "\\udc00", "\\ude00\\ud83d", "\\ud800x")) {
            sur.rejected("lone-surrogates", ascii("{\"id\":\"s\",\"text\":\"" + prose() + esc + "\"}"), "invalid-utf8");
        }
        sur.kept("lone-surrogates", ascii("{\"id\":\"pair\",\"text\":\"" + prose() + " \\ud83d\\ude00\"}"), JSONL + "/pair",
                null, null);
        sur.goodJson("lone-surrogates");
        sur.write();

        kind("bom", "a UTF-8 byte-order mark at the start of the file, at the start of a middle line "
                + "(concatenated files), and inside a text", "kept: the BOM before a line is not part of the record");
        Lines bom = new Lines(JSONL, "bom.jsonl");
        byte[] mark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        bom.good("bom", mark, "bom-first");
        bom.goodJson("bom");
        bom.good("bom", mark, "bom-middle");
        bom.kept("bom", ascii("{\"id\":\"bom-inside\",\"text\":\"" + prose() + "\\ufeff" + prose() + "\"}"),
                JSONL + "/bom-inside", null, null);
        bom.write();

        kind("whitespace", "lines of spaces, tabs and CRs; a line of no-break spaces; a form feed; a text of whitespace only",
                "blank lines are not records; other non-JSON lines: malformed-json; whitespace text: clean rejects it (empty)");
        Lines ws = new Lines(JSONL, "whitespace.jsonl");
        ws.goodJson("whitespace");
        ws.raw(ascii("   \t  \n\n\t\n"));
        ws.rejected("whitespace", "\u00a0\u3000\u00a0".getBytes(StandardCharsets.UTF_8), "malformed-json");
        ws.rejected("whitespace", ascii("\f"), "malformed-json");
        ws.kept("whitespace", ascii("{\"id\":\"blank-text\",\"text\":\"  \\n\\t \\u00a0 \"}"), JSONL + "/blank-text",
                "clean", "empty");
        ws.goodJson("whitespace");
        ws.write();

        kind("line-endings", "CRLF, CR-only (classic Mac) and mixed line endings", "every record kept, each on its own");
        for (String[] e : List.of(new String[]{"crlf.jsonl", "\r\n"}, new String[]{"cr.jsonl", "\r"},
                new String[]{"mixed-endings.jsonl", "\r"})) {
            Lines l = new Lines(JSONL, e[0]);
            l.separator = ascii(e[1]);
            for (int i = 0; i < 4; i++) {
                l.goodJson("line-endings");
                if (e[0].startsWith("mixed")) {
                    l.separator = ascii(i % 2 == 0 ? "\r\n" : i == 1 ? "\n" : "\r");
                }
            }
            l.write();
        }

        kind("long-line", "a 9 MB line with no newline at the end of the file (over max-record-bytes 8 MB)",
                "record-too-large, skipped unread; the records before it are kept");
        Lines longLine = new Lines(JSONL, "long-line.jsonl");
        longLine.goodJson("long-line");
        longLine.goodJson("long-line");
        longLine.separator = new byte[0];
        longLine.rejected("long-line", ascii("{\"id\":\"long\",\"text\":\"" + "word ".repeat((9 << 20) / 5) + "\"}"),
                "record-too-large");
        longLine.write();

        kind("huge-document", "a " + settings.hugeDocumentMb() + " MB single document (JSONL line; text file)",
                "record-too-large, never buffered; the records around it are kept");
        hugeJsonl();

        kind("garbage-binary", "random bytes in a file named .jsonl, and gzip-compressed random bytes",
                "each line of it: invalid-utf8");
        byte[] garbage = garbage(200_000);
        rejectLinesOf(JSONL, "garbage.jsonl", "garbage-binary", garbage, "invalid-utf8");
        rejectLinesOf(JSONL, "gzip-binary.jsonl.gz", "garbage-binary", garbage, "invalid-utf8");

        kind("truncated-gzip", "a gzip file cut short (a second member cut inside its deflate data)",
                "the records before the cut are kept, then one truncated-file row for the file");
        truncated("truncated.jsonl.gz", "truncated-gzip");
        kind("truncated-zstd", "a zstd file cut short (a second frame cut in the middle)",
                "the records before the cut are kept, then one truncated-file row for the file");
        truncated("truncated.jsonl.zst", "truncated-zstd");

        kind("empty-files", "empty files: 0 bytes plain, .gz, .zst, .warc, .parquet; valid gzip and zstd of nothing",
                "one empty-file row per file");
        for (String name : List.of("empty.jsonl", "empty-0-bytes.jsonl.gz", "empty-0-bytes.jsonl.zst")) {
            Files.write(root.resolve(JSONL).resolve(name), new byte[0]);
            fileLevel("empty-files", JSONL, name, "empty-file");
        }
        Files.write(root.resolve(JSONL).resolve("empty.jsonl.gz"), gzip(new byte[0]));
        fileLevel("empty-files", JSONL, "empty.jsonl.gz", "empty-file");
        Files.write(root.resolve(JSONL).resolve("empty.jsonl.zst"), zstd(new byte[0]));
        fileLevel("empty-files", JSONL, "empty.jsonl.zst", "empty-file");
        Files.write(root.resolve(JSONL).resolve("blank-lines.jsonl"), ascii("\n\n  \n\r\n"));
        fileLevel("empty-files", JSONL, "blank-lines.jsonl", "empty-file");

        kind("wrong-compression", "plain text named .gz, random bytes named .zst",
                "unreadable-file, with the decompressor's error");
        Lines notGz = new Lines(JSONL, "not-gzip.jsonl.gz");
        notGz.goodJsonUnread();
        notGz.compress = false;
        notGz.write();
        fileLevel("wrong-compression", JSONL, "not-gzip.jsonl.gz", "unreadable-file");
        Files.write(root.resolve(JSONL).resolve("not-zstd.jsonl.zst"), garbage(5000));
        fileLevel("wrong-compression", JSONL, "not-zstd.jsonl.zst", "unreadable-file");

        kind("deep-json", "JSON nested 100,000 arrays deep in a field the reader skips",
                "malformed-json (Jackson's nesting limit), no stack overflow");
        Lines deep = new Lines(JSONL, "deep.jsonl");
        deep.goodJson("deep-json");
        int depth = settings.nestingDepth();
        deep.rejected("deep-json", ascii("{\"id\":\"deep\",\"meta\":" + "[".repeat(depth) + "]".repeat(depth)
                + ",\"text\":\"" + prose() + "\"}"), "malformed-json");
        deep.goodJson("deep-json");
        deep.write();

        kind("unicode-floods", "a right-to-left override flood and a combining-character flood (Zalgo) in otherwise fine text",
                "kept by ingest; clean strips the format characters; no stage hangs on them");
        Lines floods = new Lines(JSONL, "floods.jsonl");
        floods.goodJson("unicode-floods");
        floods.kept("unicode-floods", ascii("{\"id\":\"rtl-flood\",\"text\":\"" + prose() + " " + "\\u202e".repeat(
                settings.floodChars() / 10) + prose() + "\"}"), JSONL + "/rtl-flood", null, null);
        floods.kept("unicode-floods", ascii("{\"id\":\"zalgo\",\"text\":\"" + prose() + " Z" + zalgoEscapes(settings.floodChars() / 10)
                + " " + prose() + "\"}"), JSONL + "/zalgo", null, null);
        floods.goodJson("unicode-floods");
        floods.write();
    }

    private void hugeJsonl() throws IOException {
        Path file = root.resolve(JSONL).resolve("huge-document.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            long offset = 0;
            byte[] first = goodJsonLine("huge-document", "huge-document.jsonl", offset);
            out.write(first);
            out.write(NL);
            offset += first.length + 1;
            String loc = "huge-document.jsonl@" + offset;
            byte[] head = ascii("{\"id\":\"huge\",\"text\":\"");
            out.write(head);
            byte[] block = ascii(prose() + " ");
            long size = (long) settings.hugeDocumentMb() << 20;
            long written = head.length;
            byte[] chunk = repeatTo(block, 1 << 20);
            while (written < size) {
                out.write(chunk);
                written += chunk.length;
            }
            out.write(ascii("\"}\n"));
            written += 3;
            records.add(new Expected("huge-document", JSONL, "huge-document.jsonl", loc, 1, "record-too-large", null, null,
                    null, false));
            offset += written;
            out.write(goodJsonLine("huge-document", "huge-document.jsonl", offset));
            out.write(NL);
        }
        Path text = root.resolve(FILES).resolve("huge-document.txt");
        try (OutputStream out = Files.newOutputStream(text)) {
            byte[] chunk = repeatTo(ascii(prose() + "\n"), 1 << 20);
            for (int i = 0; i < settings.hugeDocumentMb(); i++) {
                out.write(chunk);
            }
        }
        fileLevelRecord("huge-document", FILES, "huge-document.txt", "record-too-large");
    }

    /** A good JSONL line written straight to a file (not through {@link Lines}); its expectation recorded. */
    private byte[] goodJsonLine(String kind, String file, long offset) {
        String id = "good-" + goodCounter++;
        records.add(new Expected(kind, JSONL, file, file + "@" + offset, 1, null, JSONL + "/" + id, null, null, true));
        return ascii("{\"id\":\"" + id + "\",\"text\":\"" + prose() + "\"}");
    }

    private void truncated(String name, String kind) throws IOException {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        long offset = 0;
        for (int i = 0; i < 5; i++) {
            byte[] line = goodJsonLine(kind, name, offset);
            first.write(line);
            first.write(NL);
            offset += line.length + 1;
        }
        // The doomed record is long and compressible: the few bytes left of its member decode to
        // part of its first line, never to a newline.
        byte[] doomed = ascii("{\"id\":\"doomed\",\"text\":\"" + prose() + " " + prose() + "\"}\n");
        boolean gz = name.endsWith(".gz");
        byte[] a = gz ? gzip(first.toByteArray()) : zstd(first.toByteArray());
        byte[] b = gz ? gzip(doomed) : zstd(doomed);
        byte[] cut = Arrays.copyOf(b, gz ? 14 : b.length / 2);
        Files.write(root.resolve(JSONL).resolve(name), concat(a, cut));
        fileLevel(kind, JSONL, name, "truncated-file");
    }

    // ---------------------------------------------------------------- text lines

    private void lines() throws IOException {
        Lines good = new Lines(LINES, "good.txt");
        for (int i = 0; i < 6; i++) {
            good.goodLine("good");
        }
        good.write();

        kind("one-char-documents", settings.oneCharDocuments() + " one-character documents (one per line)",
                "kept by ingest, rejected by clean as too-short, in bounded time");
        Path million = root.resolve(LINES).resolve("one-char.txt");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(million), 1 << 16)) {
            String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!?é中ж";
            for (int i = 0; i < settings.oneCharDocuments(); i++) {
                out.write(String.valueOf(alphabet.charAt(i % alphabet.length())).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        records.add(new Expected("one-char-documents", LINES, "one-char.txt", null, settings.oneCharDocuments(), null, null,
                "clean", "too-short", false));

        Lines cr = new Lines(LINES, "cr-endings.txt");
        cr.separator = ascii("\r");
        for (int i = 0; i < 3; i++) {
            cr.goodLine("line-endings");
        }
        cr.write();

        StringBuilder u16 = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            u16.append(prose()).append('\n');
        }
        byte[] u16lines = u16.toString().getBytes(StandardCharsets.UTF_16LE);
        // The high byte of the last LF is a line of one NUL: a stray NUL, which ingest leaves to clean.
        rejectLinesOf(LINES, "utf16-no-bom.txt", "utf16-no-bom", Arrays.copyOf(u16lines, u16lines.length - 1),
                "binary-content");
        Files.write(root.resolve(LINES).resolve("utf16-no-bom.txt"), u16lines);
        records.add(new Expected("utf16-no-bom", LINES, "utf16-no-bom.txt", "utf16-no-bom.txt@" + (u16lines.length - 1), 1,
                null, LINES + "/" + sha1("\0"), "clean", "empty", false));

        kind("invalid-utf8", null, null);
        Lines bad = new Lines(LINES, "invalid-utf8.txt");
        bad.goodLine("invalid-utf8");
        bad.rejected("invalid-utf8", concat(ascii(prose()), new byte[]{(byte) 0xC3, (byte) 0x28}), "invalid-utf8");
        bad.goodLine("invalid-utf8");
        bad.write();
    }

    // ---------------------------------------------------------------- text files

    private void files() throws IOException {
        for (int i = 0; i < 3; i++) {
            String name = "good-" + i + ".txt";
            Files.writeString(root.resolve(FILES).resolve(name), prose() + "\n\n" + prose() + "\n");
            records.add(new Expected("good", FILES, name, name, 1, null, FILES + "/" + name, null, null, true));
        }
        textFile("utf16-no-bom.txt", "utf16-no-bom", (prose() + "\n" + prose()).getBytes(StandardCharsets.UTF_16LE),
                "binary-content", null);
        byte[] nul = new byte[4000];
        for (int i = 0; i < nul.length; i++) {
            nul[i] = (byte) (i % 3 == 0 ? 0 : 'a' + i % 26);
        }
        textFile("nul-bytes.txt", "nul-bytes", nul, "binary-content", null);
        textFile("invalid-utf8.txt", "invalid-utf8", concat(ascii(prose()), new byte[]{(byte) 0xF8, 'x'}),
                "invalid-utf8", null);
        Files.write(root.resolve(FILES).resolve("empty.txt"), new byte[0]);
        fileLevel("empty-files", FILES, "empty.txt", "empty-file");
        Files.write(root.resolve(FILES).resolve("empty.txt.gz"), gzip(new byte[0]));
        fileLevel("empty-files", FILES, "empty.txt.gz", "empty-file");
        Files.write(root.resolve(FILES).resolve("empty.txt.zst"), zstd(new byte[0]));
        fileLevel("empty-files", FILES, "empty.txt.zst", "empty-file");
        textFile("whitespace.txt", "whitespace", ascii("  \n\t\n\r\n   "), null, "empty");
        Files.write(root.resolve(FILES).resolve("truncated.txt.gz"),
                Arrays.copyOf(gzip(ascii(prose() + prose() + prose())), 40));
        fileLevel("truncated-gzip", FILES, "truncated.txt.gz", "truncated-file");
        Files.writeString(root.resolve(FILES).resolve("plain.txt.gz"), prose());
        fileLevel("wrong-compression", FILES, "plain.txt.gz", "unreadable-file");
        String withBom = prose() + "\ufeff" + prose();
        textFile("bom-middle.txt", "bom", withBom.getBytes(StandardCharsets.UTF_8), null, null);
        textFile("cr-endings.txt", "line-endings", ascii(prose() + "\r" + prose() + "\r\r" + prose() + "\r"), null, null);
        textFile("rtl-flood.txt", "unicode-floods",
                (prose() + " " + "\u202e\u202b\u2067".repeat(settings.floodChars() / 3) + " " + prose())
                        .getBytes(StandardCharsets.UTF_8), null, null);
        textFile("zalgo.txt", "unicode-floods", (prose() + " Z" + zalgo(settings.floodChars()) + " " + prose())
                .getBytes(StandardCharsets.UTF_8), null, null);
        kind("long-line", null, null);
        textFile("no-newline.txt", "long-line", ascii(("word " + prose()).repeat(10_000)), null, "too-long");
    }

    private void textFile(String name, String kind, byte[] bytes, String ingestReason, String cleanReason) throws IOException {
        Files.write(root.resolve(FILES).resolve(name), bytes);
        records.add(new Expected(kind, FILES, name, name, 1, ingestReason, ingestReason == null ? FILES + "/" + name : null,
                cleanReason == null ? null : "clean", cleanReason, false));
    }

    // ---------------------------------------------------------------- WARC

    private void warc() throws IOException {
        Warc good = new Warc("good.warc");
        good.warcinfo();
        for (int i = 0; i < 4; i++) {
            good.request();
            good.goodPage("good");
        }
        good.write();

        kind("warc-non-pages", "warcinfo, request and metadata records, a 404, a PNG, a broken HTTP status line",
                "warc-record-type, http-status, non-html-payload, malformed-record");
        Warc other = new Warc("non-pages.warc");
        other.warcinfo();
        other.response("warc-non-pages", "https://example.org/missing", 404, "text/html", ascii("<p>not found</p>"),
                "http-status");
        other.response("warc-non-pages", "https://example.org/a.png", 200, "image/png",
                new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0}, "non-html-payload");
        other.record("warc-non-pages", "metadata", "https://example.org/", "application/warc-fields", ascii("via: x\r\n"),
                "warc-record-type");
        other.record("warc-non-pages", "response", "https://example.org/bad", "application/http; msgtype=response",
                ascii("NOT-HTTP garbage\r\n\r\n<p>x</p>"), "malformed-record");
        other.goodPage("warc-non-pages");
        other.write();

        kind("truncated-warc", "a WARC file cut inside a response's block, and one cut inside a record's headers",
                "the records before the cut are kept, then one truncated-file row");
        Warc cutBlock = new Warc("truncated-block.warc");
        cutBlock.goodPage("truncated-warc");
        cutBlock.goodPage("truncated-warc");
        int before = cutBlock.out.size();
        cutBlock.page("truncated-warc", "https://example.org/cut", null, false);
        records.remove(records.size() - 1); // cut: accounted for by the file's truncated-file row
        cutBlock.cut(before + (cutBlock.out.size() - before) / 2);
        cutBlock.write();
        fileLevel("truncated-warc", WARC, "truncated-block.warc", "truncated-file");
        Warc cutHead = new Warc("truncated-header.warc");
        cutHead.goodPage("truncated-warc");
        before = cutHead.out.size();
        cutHead.page("truncated-warc", "https://example.org/cut", null, false);
        records.remove(records.size() - 1);
        cutHead.cut(before + 60);
        cutHead.write();
        fileLevel("truncated-warc", WARC, "truncated-header.warc", "truncated-file");

        kind("warc-content-length-too-long", "a response whose Content-Length claims more bytes than its block "
                + "(it would swallow the next record)", "that record is malformed-record; reading resumes at the next record");
        Warc tooLong = new Warc("content-length-too-long.warc");
        tooLong.goodPage("warc-content-length-too-long");
        tooLong.lengthDelta = 300;
        tooLong.page("warc-content-length-too-long", "https://example.org/liar", "malformed-record", false);
        tooLong.lengthDelta = 0;
        tooLong.goodPage("warc-content-length-too-long");
        tooLong.goodPage("warc-content-length-too-long");
        tooLong.write();

        kind("warc-content-length-too-short", "a response whose Content-Length claims fewer bytes than its block",
                "that record is malformed-record; reading resumes at the next record");
        Warc tooShort = new Warc("content-length-too-short.warc");
        tooShort.goodPage("warc-content-length-too-short");
        tooShort.lengthDelta = -300;
        tooShort.page("warc-content-length-too-short", "https://example.org/liar", "malformed-record", false);
        tooShort.lengthDelta = 0;
        tooShort.goodPage("warc-content-length-too-short");
        tooShort.write();

        kind("html-bomb", "responses with " + settings.nestingDepth() + " nested <div>s, as many unclosed <b>s, "
                + "and 10,000 nested tables, around real paragraphs", "parsed in bounded time and stack: no crash");
        Warc bombs = new Warc("html-bombs.warc");
        int n = settings.nestingDepth();
        String p = "<p>" + prose() + "</p><p>" + prose() + "</p>";
        bombs.htmlPage("html-bomb", "https://example.org/divs", "<html><body>" + "<div>".repeat(n) + p + "</div>".repeat(n)
                + "</body></html>", null);
        bombs.htmlPage("html-bomb", "https://example.org/bold", "<html><body>" + p + "<b>x".repeat(n) + "</body></html>", null);
        bombs.htmlPage("html-bomb", "https://example.org/tables", "<html><body>" + "<table><tr><td>".repeat(10_000) + p
                + "</body></html>", null);
        bombs.goodPage("html-bomb");
        bombs.write();

        kind("huge-document", null, null);
        Warc big = new Warc("huge-response.warc");
        big.goodPage("huge-document");
        big.htmlPage("huge-document", "https://example.org/huge", "<html><body>" + ("<p>" + prose() + "</p>\n").repeat(
                (12 << 20) / 300) + "</body></html>", "record-too-large");
        big.goodPage("huge-document");
        big.write();

        Files.write(root.resolve(WARC).resolve("empty.warc"), new byte[0]);
        fileLevel("empty-files", WARC, "empty.warc", "empty-file");
        Files.write(root.resolve(WARC).resolve("empty.warc.gz"), gzip(new byte[0]));
        fileLevel("empty-files", WARC, "empty.warc.gz", "empty-file");
        kind("garbage-binary", null, null);
        Files.write(root.resolve(WARC).resolve("garbage.warc"), garbage(10_000));
        fileLevel("garbage-binary", WARC, "garbage.warc", "unreadable-file");
    }

    private void wet() throws IOException {
        Warc wet = new Warc(WET, "good.warc.wet");
        wet.warcinfo();
        for (int i = 0; i < 3; i++) {
            wet.conversion("good", ascii(prose() + "\n" + prose()), null, true);
        }
        wet.conversion("invalid-utf8", concat(ascii(prose()), new byte[]{(byte) 0xFE}), "invalid-utf8", false);
        wet.conversion("nul-bytes", new byte[500], "binary-content", false);
        wet.write();
    }

    // ---------------------------------------------------------------- Parquet

    private void parquet() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message doc { required binary id (STRING); optional binary text (STRING); optional binary url (STRING); }");
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        Path good = root.resolve(PARQUET).resolve("good.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(good)).withType(schema).build()) {
            for (int i = 0; i < 8; i++) {
                String id = "pq-" + i;
                w.write(f.newGroup().append("id", id).append("text", prose()).append("url", "https://example.org/pq/" + i));
                records.add(new Expected("good", PARQUET, "good.parquet", "good.parquet#row=" + i, 1, null, PARQUET + "/" + id,
                        null, null, true));
            }
        }
        kind("parquet-bad-rows", "Parquet rows with a null text and with text bytes that are not UTF-8",
                "missing-text and invalid-utf8; the other rows are kept");
        Path rows = root.resolve(PARQUET).resolve("bad-rows.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(rows)).withType(schema).build()) {
            w.write(f.newGroup().append("id", "pq-null"));
            records.add(new Expected("parquet-bad-rows", PARQUET, "bad-rows.parquet", "bad-rows.parquet#row=0", 1,
                    "missing-text", null, null, null, false));
            w.write(f.newGroup().append("id", "pq-bad").append("text",
                    org.apache.parquet.io.api.Binary.fromConstantByteArray(new byte[]{'a', (byte) 0xFF, 'b'})));
            records.add(new Expected("parquet-bad-rows", PARQUET, "bad-rows.parquet", "bad-rows.parquet#row=1", 1,
                    "invalid-utf8", null, null, null, false));
            w.write(f.newGroup().append("id", "pq-ok").append("text", prose()));
            records.add(new Expected("good", PARQUET, "bad-rows.parquet", "bad-rows.parquet#row=2", 1, null,
                    PARQUET + "/pq-ok", null, null, true));
        }
        kind("bad-parquet", "a Parquet file cut in half, a text file named .parquet, a Parquet file whose text "
                + "column is a number, a 0-byte .parquet, a Parquet file with no rows",
                "unreadable-file (with the reader's error) or empty-file");
        byte[] whole = Files.readAllBytes(good);
        Files.write(root.resolve(PARQUET).resolve("truncated.parquet"), Arrays.copyOf(whole, whole.length / 2));
        fileLevel("bad-parquet", PARQUET, "truncated.parquet", "unreadable-file");
        Files.writeString(root.resolve(PARQUET).resolve("not-parquet.parquet"), prose());
        fileLevel("bad-parquet", PARQUET, "not-parquet.parquet", "unreadable-file");
        MessageType numeric = MessageTypeParser.parseMessageType("message doc { required int64 id; required int64 text; }");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(
                new LocalOutputFile(root.resolve(PARQUET).resolve("numeric-text.parquet"))).withType(numeric).build()) {
            w.write(new SimpleGroupFactory(numeric).newGroup().append("id", 1L).append("text", 2L));
        }
        fileLevel("bad-parquet", PARQUET, "numeric-text.parquet", "unreadable-file");
        Files.write(root.resolve(PARQUET).resolve("empty.parquet"), new byte[0]);
        fileLevel("empty-files", PARQUET, "empty.parquet", "empty-file");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(
                new LocalOutputFile(root.resolve(PARQUET).resolve("no-rows.parquet"))).withType(schema).build()) {
            // no rows
        }
        fileLevel("bad-parquet", PARQUET, "no-rows.parquet", "empty-file");
    }

    private void tasksAndBlend() throws IOException {
        Files.createDirectories(root.resolve("tasks"));
        Files.writeString(root.resolve("tasks/qa.jsonl"),
                "{\"id\":\"q1\",\"text\":\"which harbour town keeps its old stone houses in good repair for visitors\"}\n"
                        + "{\"id\":\"q2\",\"text\":\"the quarterly report of the lighthouse keepers association lists every storm\"}\n");
        StringBuilder blend = new StringBuilder("blend {\n  name = hostile\n  target-tokens = 200000\n  unweighted = drop\n"
                + "  datasets = [\n");
        for (String d : List.of(JSONL, LINES, FILES, WARC, WET, PARQUET)) {
            blend.append("    { name = ").append(d).append(", weight = ").append(d.equals(JSONL) ? "0.5" : "0.1").append(" }\n");
        }
        Files.writeString(root.resolve("blend.conf"), blend.append("  ]\n}\n").toString());
    }

    // ---------------------------------------------------------------- helpers

    private void kind(String name, String description, String outcome) {
        if (description != null) {
            kinds.putIfAbsent(name, new Kind(name, description, outcome));
        }
    }

    private void fileLevel(String kind, String dataset, String file, String reason) {
        records.add(new Expected(kind, dataset, file, file, 1, reason, null, null, null, false));
    }

    private void fileLevelRecord(String kind, String dataset, String file, String reason) {
        fileLevel(kind, dataset, file, reason);
    }

    /** Every line of {@code content} is one rejected record (the file's lines as ingest cuts them: at LF or CR). */
    private void rejectLinesOf(String dataset, String name, String kind, byte[] content, String reason) throws IOException {
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n' || content[i] == '\r') {
                if (!blank(content, start, i)) {
                    records.add(new Expected(kind, dataset, name, name + "@" + start, 1, reason, null, null, null, false));
                }
                start = i + 1;
            }
        }
        Files.write(root.resolve(dataset).resolve(name), name.endsWith(".gz") ? gzip(content) : content);
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Random bytes in which every line starts with 0xFF, so every line is invalid UTF-8. */
    private byte[] garbage(int n) {
        byte[] b = new byte[n];
        b[0] = (byte) 0xFF;
        for (int i = 1; i < n; i++) {
            int v = random.nextInt(256);
            b[i] = (byte) v;
            if (v == '\n' || v == '\r') {
                if (i + 1 < n) {
                    b[++i] = (byte) 0xFF;
                }
            }
        }
        return b;
    }

    private static final String[] WORDS = ("the of and to in a is that for it as was with be by on not he this are or his "
            + "from at which but have an they you were her she there been one all we their has would when if so no will "
            + "more out up into do any your what some can than other them could only its then about also these time "
            + "harbour town boat market river bridge stone house morning winter summer garden village road mill church "
            + "school water field farmer baker letter story island valley forest castle window kitchen lamp storm "
            + "keeper council railway station museum library painter teacher doctor student engine clock map sea hill "
            + "walked built opened carried painted wrote found kept moved turned watched repaired visited remembered "
            + "old new small large quiet busy early late cold warm green narrow wide long short famous local").split(" ");

    /** 45–70 random English words: ordinary prose for jusText, language ID and the quality model. */
    private String prose() {
        StringBuilder b = new StringBuilder("Record ").append(goodCounter + records.size()).append(':');
        int n = 45 + random.nextInt(26);
        for (int i = 0; i < n; i++) {
            b.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            if (random.nextInt(12) == 0) {
                b.append('.');
            }
        }
        return b.append('.').toString();
    }

    private String zalgo(int marks) {
        StringBuilder b = new StringBuilder(marks);
        for (int i = 0; i < marks; i++) {
            // Alternating combining classes (230 above, 220 below): canonical reordering's worst case.
            b.append((char) (i % 2 == 0 ? 0x0301 + random.nextInt(8) : 0x0316 + random.nextInt(8)));
        }
        return b.toString();
    }

    private String zalgoEscapes(int marks) {
        StringBuilder b = new StringBuilder(marks * 6);
        for (char c : zalgo(marks).toCharArray()) {
            b.append(String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] repeatTo(byte[] block, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = block[i % block.length];
        }
        return out;
    }

    /** {@code b} gzip-compressed (one member). */
    public static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /** {@code b} zstd-compressed (one frame). */
    public static byte[] zstd(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /** A line file being built: records with their byte offsets and expectations. */
    private final class Lines {
        final String dataset;
        final String name;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] separator = NL;
        boolean compress = true;

        Lines(String dataset, String name) {
            this.dataset = dataset;
            this.name = name;
        }

        String location() {
            return name + "@" + out.size();
        }

        void goodJson(String kind) {
            good(kind, new byte[0], "good-" + goodCounter++);
        }

        void good(String kind, byte[] prefix, String id) {
            String loc = name + "@" + out.size();
            records.add(new Expected(kind, dataset, name, loc, 1, null, dataset + "/" + id, null, null, true));
            out.writeBytes(prefix);
            out.writeBytes(ascii("{\"id\":\"" + id + "\",\"text\":\"" + prose() + "\"}"));
            out.writeBytes(separator);
        }

        /** A good-looking JSON line in a file that will not be readable at all (no expectation of its own). */
        void goodJsonUnread() {
            out.writeBytes(ascii("{\"id\":\"unread\",\"text\":\"" + prose() + "\"}"));
            out.writeBytes(separator);
        }

        void goodLine(String kind) {
            String text = prose();
            records.add(new Expected(kind, dataset, name, location(), 1, null, dataset + "/" + sha1(text), null, null, true));
            out.writeBytes(ascii(text));
            out.writeBytes(separator);
        }

        void kept(String kind, byte[] line, String id, String laterStage, String laterReason) {
            records.add(new Expected(kind, dataset, name, location(), 1, null, id, laterStage, laterReason, false));
            out.writeBytes(line);
            out.writeBytes(separator);
        }

        void rejected(String kind, byte[] line, String reason) {
            records.add(new Expected(kind, dataset, name, location(), 1, reason, null, null, null, false));
            out.writeBytes(line);
            out.writeBytes(separator);
        }

        void raw(byte[] bytes) {
            out.writeBytes(bytes);
        }

        void write() throws IOException {
            byte[] b = out.toByteArray();
            Files.write(root.resolve(dataset).resolve(name),
                    !compress ? b : name.endsWith(".gz") ? gzip(b) : name.endsWith(".zst") ? zstd(b) : b);
        }
    }

    /** An uncompressed WARC file being built, record by record, with each record's offset. */
    private final class Warc {
        final String dataset;
        final String name;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lengthDelta;
        private byte[] bytes;

        Warc(String name) {
            this(WARC, name);
        }

        Warc(String dataset, String name) {
            this.dataset = dataset;
            this.name = name;
        }

        void warcinfo() {
            record("warc-non-pages", "warcinfo", null, "application/warc-fields", ascii("software: winnow-hostile\r\n"),
                    "warc-record-type");
        }

        void request() {
            record("warc-non-pages", "request", "https://example.org/", "application/http; msgtype=request",
                    ascii("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"), "warc-record-type");
        }

        void goodPage(String kind) {
            page(kind, "https://example.org/page/" + goodCounter, null, true);
        }

        void page(String kind, String url, String reason, boolean good) {
            String html = "<html><head><title>t</title></head><body><nav><a href=\"/\">Home</a></nav><p>" + prose()
                    + "</p><p>" + prose() + "</p><footer>(c) 2024</footer></body></html>";
            UUID id = uuid();
            String loc = name + "@" + out.size();
            writeRecord("response", url, "application/http; msgtype=response", http(200, "text/html; charset=utf-8",
                    ascii(html)), id);
            records.add(new Expected(kind, dataset, name, loc, 1, reason, reason == null ? dataset + "/" + id : null, null,
                    null, good && reason == null));
        }

        void htmlPage(String kind, String url, String html, String reason) {
            UUID id = uuid();
            String loc = name + "@" + out.size();
            writeRecord("response", url, "application/http; msgtype=response", http(200, "text/html; charset=utf-8",
                    ascii(html)), id);
            records.add(new Expected(kind, dataset, name, loc, 1, reason, reason == null ? dataset + "/" + id : null, null,
                    null, false));
        }

        void response(String kind, String url, int status, String type, byte[] body, String reason) {
            record(kind, "response", url, "application/http; msgtype=response", http(status, type, body), reason);
        }

        void conversion(String kind, byte[] text, String reason, boolean good) {
            UUID id = uuid();
            String loc = name + "@" + out.size();
            writeRecord("conversion", "https://example.org/wet/" + id, "text/plain", text, id);
            records.add(new Expected(kind, dataset, name, loc, 1, reason, reason == null ? dataset + "/" + id : null, null,
                    null, good));
        }

        void record(String kind, String type, String url, String contentType, byte[] block, String reason) {
            String loc = name + "@" + out.size();
            writeRecord(type, url, contentType, block, uuid());
            records.add(new Expected(kind, dataset, name, loc, 1, reason, null, null, null, false));
        }

        private void writeRecord(String type, String url, String contentType, byte[] block, UUID id) {
            StringBuilder h = new StringBuilder("WARC/1.0\r\n")
                    .append("WARC-Type: ").append(type).append("\r\n")
                    .append("WARC-Record-ID: <urn:uuid:").append(id).append(">\r\n")
                    .append("WARC-Date: 2024-01-01T00:00:00Z\r\n");
            if (url != null) {
                h.append("WARC-Target-URI: ").append(url).append("\r\n");
            }
            h.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(block.length + lengthDelta).append("\r\n\r\n");
            out.writeBytes(ascii(h.toString()));
            out.writeBytes(block);
            out.writeBytes(ascii("\r\n\r\n"));
        }

        private byte[] http(int status, String type, byte[] body) {
            return concat(ascii("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n"), body);
        }

        private UUID uuid() {
            return new UUID(random.nextLong(), random.nextLong());
        }

        void cut(int length) {
            bytes = Arrays.copyOf(out.toByteArray(), length);
        }

        void write() throws IOException {
            Files.write(root.resolve(dataset).resolve(name), bytes != null ? bytes : out.toByteArray());
        }
    }

    /** Writes the corpus: {@code HostileCorpus <dir>}. */
    public static void main(String[] args) throws IOException {
        Manifest m = write(Path.of(args[0]), Settings.full());
        System.out.println(m.kinds().size() + " kinds, " + m.totalRecords() + " records, " + m.good().size()
                + " good, under " + m.root());
    }
}
