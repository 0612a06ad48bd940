package dev.winnow.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code winnow quality train|eval} end to end on files this test writes. */
class QualityCommandTest extends ConsoleCapture {
    @TempDir
    Path dir;

    private Path write(String name, boolean curated, int n, long seed) throws IOException {
        String[] good = {"the", "harbour", "town", "kept", "its", "old", "stone", "houses", "and", "library", "records"};
        String[] bad = {"click", "free", "bonus", "win", "cheap", "casino", "offer", "buy", "now", "deal"};
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("{\"text\":\"");
            for (int w = 0; w < 30; w++) {
                String[] pool = curated ? good : bad;
                s.append(pool[r.nextInt(pool.length)]).append(' ');
            }
            s.append("\"}\n");
        }
        return Files.writeString(dir.resolve(name), s);
    }

    @Test
    void trainWritesAModelAndItsEvaluationThenEvalJudgesOtherFiles() throws IOException {
        Path pos = write("pos.jsonl", true, 150, 1);
        Path neg = write("neg.jsonl", false, 150, 2);
        Path model = dir.resolve("models/q.bin");
        assertEquals(0, WinnowCli.execute("quality", "train", "--positive", pos.toString(), "--negative",
                neg.toString(), "--out", model.toString(), "--dim", "16", "--bucket", "10000", "--epoch", "10",
                "--lr", "0.5"), output());
        String trained = output();
        assertTrue(trained.contains("positive_documents: 150") && trained.contains("held_out: 30"), trained);
        assertTrue(trained.contains("accuracy: 1.0000"), trained);
        assertTrue(Files.size(model) > 0);
        assertTrue(Files.readString(dir.resolve("models/q.bin.eval.txt")).contains("roc_auc: "));

        clearOutput();
        Path pos2 = write("pos2.jsonl", true, 40, 3);
        Path neg2 = write("neg2.jsonl", false, 40, 4);
        assertEquals(0, WinnowCli.execute("quality", "eval", "--model", model.toString(), "--positive",
                pos2.toString(), "--negative", neg2.toString()));
        String judged = output();
        assertTrue(judged.contains("documents: 80") && judged.contains("accuracy: 1.0000"), judged);
    }

    @Test
    void missingFilesAndBadSettingsAreUsageErrors() throws IOException {
        Path pos = write("pos.jsonl", true, 5, 1);
        assertEquals(2, WinnowCli.execute("quality", "train", "--positive", pos.toString(), "--negative",
                dir.resolve("nope.jsonl").toString(), "--out", dir.resolve("m.bin").toString()));
        assertTrue(output().contains("cannot read"));
        assertEquals(2, WinnowCli.execute("quality", "train", "--positive", pos.toString(), "--negative",
                pos.toString(), "--out", dir.resolve("m.bin").toString(), "--dim", "0"));
        assertTrue(output().contains("dim must be"));
    }
}
