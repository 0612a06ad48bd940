package dev.winnow.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.blending.Gpt2Tokenizer;
import dev.winnow.quality.QualityDocuments;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GPT-2 token ids on real text: Winnow's tokenizer against {@code blending/tokenizer-reference/
 * gpt2_reference.py} (GPT-2's BPE in Python with the {@code regex} module, as OpenAI's encoder)
 * on the shared web, Wikipedia and Gutenberg documents. Every id must match. Skipped where
 * python3 has no {@code regex} module.
 */
class TokenizerEval {
    @TempDir
    Path dir;

    @Test
    void idsMatchThePythonReferenceOnRealText() throws IOException, InterruptedException {
        Path data = SharedData.root();
        Process probe = new ProcessBuilder("python3", "-c", "import regex").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor() == 0, "python3 with the regex module is needed for the reference");

        ObjectMapper json = new ObjectMapper();
        List<String> texts = QualityDocuments.read(List.of(data.resolve("web/web_cc_docs.jsonl.gz"),
                data.resolve("quality/hq_wikitext2_articles.jsonl.gz"), data.resolve("quality/hq_gutenberg_chunks.jsonl.gz")))
                .texts();
        Path input = dir.resolve("texts.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (String t : texts) {
                w.write(json.writeValueAsString(Map.of("text", t)));
                w.write('\n');
            }
        }
        Path ranks = dir.resolve("r50k_base.tiktoken");
        try (InputStream in = Gpt2Tokenizer.class.getResourceAsStream("/com/knuddels/jtokkit/r50k_base.tiktoken")) {
            Files.copy(in, ranks);
        }
        Path expected = dir.resolve("expected.jsonl");
        Process python = new ProcessBuilder("python3", Path.of("../blending/tokenizer-reference/gpt2_reference.py").toString(),
                ranks.toString()).redirectInput(input.toFile()).redirectOutput(expected.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, python.waitFor(), "the Python reference failed");

        int documents = 0;
        long tokens = 0;
        List<String> differ = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(expected, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode n = json.readTree(line);
                int[] ids = new int[n.get("ids").size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = n.get("ids").get(i).asInt();
                }
                if (!Arrays.equals(ids, Gpt2Tokenizer.shared().encode(n.get("text").asText()))) {
                    differ.add(n.get("text").asText().substring(0, 40));
                }
                documents++;
                tokens += ids.length;
            }
        }
        System.out.printf("tokenizer: %d documents, %d tokens, %d differ from the Python reference%n",
                documents, tokens, differ.size());
        assertEquals(texts.size(), documents);
        assertTrue(tokens > 1_000_000, "tokens " + tokens);
        assertEquals(List.of(), differ);
    }
}
