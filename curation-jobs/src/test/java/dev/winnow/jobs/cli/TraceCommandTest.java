package dev.winnow.jobs.cli;

import dev.winnow.jobs.run.DocumentTrace;
import dev.winnow.jobs.run.DocumentTrace.Outcome;
import dev.winnow.jobs.run.DocumentTrace.Rejection;
import dev.winnow.jobs.run.DocumentTrace.Step;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a document's way reads on the terminal; DocumentTrace itself is tested on the sample run (SampleRunTest). */
class TraceCommandTest {
    /** What ingest sets, in order. */
    private static Map<String, String> ingestColumns() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("dataset", "web");
        first.put("n_chars", "5210");
        return first;
    }

    @Test
    void aStepPerLineWithWhatEachStageDid() {
        Map<String, String> first = ingestColumns();
        DocumentTrace.Path path = new DocumentTrace.Path("web/7", List.of(
                new Step("01-ingest", Outcome.KEPT, first, List.of("web/7"), List.of(), 0),
                new Step("02-clean", Outcome.KEPT, Map.of(), List.of("web/7"), List.of(), 0),
                new Step("07-decontaminate", Outcome.SPLIT, Map.of(), List.of("web/7#0", "web/7#2"),
                        List.of(new Rejection("web/7#1", "contaminated:lambada", "piece of 120 chars")), 0),
                new Step("08-blend", Outcome.KEPT, Map.of(), List.of("web/7#0", "web/7#2"), List.of(), 0)));
        assertEquals(List.of("web/7:",
                "  01-ingest          kept: dataset=web n_chars=5210",
                "  02-clean           kept",
                "  07-decontaminate   cut into 3 pieces: kept web/7#0, web/7#2; rejected web/7#1 contaminated:lambada (piece of 120 chars)",
                "  08-blend           kept 2 pieces: web/7#0, web/7#2"), TraceCommand.lines(path));
    }

    @Test
    void aRejectionNamesItsReasonAndDetail() {
        DocumentTrace.Path path = new DocumentTrace.Path("web/8", List.of(
                new Step("01-ingest", Outcome.KEPT, Map.of(), List.of("web/8"), List.of(), 0),
                new Step("05-exact-dedup", Outcome.REJECTED, Map.of(), List.of(),
                        List.of(new Rejection("web/8", "exact-dup:web/3", null)), 0)));
        assertEquals("  05-exact-dedup     rejected: exact-dup:web/3", TraceCommand.lines(path).get(2));
        DocumentTrace.Path kept = new DocumentTrace.Path("web/3", List.of(
                new Step("05-exact-dedup", Outcome.KEPT, Map.of(), List.of("web/3"), List.of(), 4)));
        assertEquals("  05-exact-dedup     kept for its group of 4 documents", TraceCommand.lines(kept).get(1));
    }

    @Test
    void piecesALaterStageRejectsAreNamed() {
        DocumentTrace.Path path = new DocumentTrace.Path("web/7", List.of(
                new Step("08-blend", Outcome.KEPT, Map.of(), List.of("web/7#0"),
                        List.of(new Rejection("web/7#2", "no-tokens", null)), 0)));
        assertEquals("  08-blend           kept 1 piece: web/7#0; rejected web/7#2 no-tokens",
                TraceCommand.lines(path).get(1));
    }

    @Test
    void oneJsonLinePerDocumentWithTheSameFacts() throws Exception {
        Map<String, String> first = ingestColumns();
        DocumentTrace.Path path = new DocumentTrace.Path("web/7", List.of(
                new Step("01-ingest", Outcome.KEPT, first, List.of("web/7"), List.of(), 0),
                new Step("05-exact-dedup", Outcome.KEPT, Map.of(), List.of("web/7"), List.of(), 3),
                new Step("07-decontaminate", Outcome.SPLIT, Map.of(), List.of("web/7#0"),
                        List.of(new Rejection("web/7#1", "contaminated:lambada", null)), 0)));
        String line = TraceCommand.json(path);
        assertFalse(line.contains("\n"), "one line");
        JsonNode node = new ObjectMapper().readTree(line);
        assertEquals("web/7", node.get("id").asText());
        assertTrue(node.get("found").asBoolean());
        JsonNode stages = node.get("stages");
        assertEquals(3, stages.size());
        assertEquals("kept", stages.get(0).get("outcome").asText());
        assertEquals("5210", stages.get(0).get("changed").get("n_chars").asText());
        assertEquals(3, stages.get(1).get("group_size").asLong());
        assertEquals("split", stages.get(2).get("outcome").asText());
        assertEquals("web/7#0", stages.get(2).get("kept").get(0).asText());
        JsonNode rejection = stages.get(2).get("rejected").get(0);
        assertEquals("contaminated:lambada", rejection.get("reason").asText());
        assertTrue(rejection.get("detail").isNull());
        JsonNode absent = new ObjectMapper().readTree(TraceCommand.json(new DocumentTrace.Path("web/9",
                List.of(new Step("01-ingest", Outcome.ABSENT, Map.of(), List.of(), List.of(), 0)))));
        assertFalse(absent.get("found").asBoolean());
        assertEquals("absent", absent.get("stages").get(0).get("outcome").asText());
    }

    @Test
    void anIdNoStageHadIsNotInTheRun() {
        DocumentTrace.Path path = new DocumentTrace.Path("web/9",
                List.of(new Step("01-ingest", Outcome.ABSENT, Map.of(), List.of(), List.of(), 0)));
        assertEquals(List.of("web/9: not in the run (no stage kept or rejected this id)"), TraceCommand.lines(path));
    }
}
