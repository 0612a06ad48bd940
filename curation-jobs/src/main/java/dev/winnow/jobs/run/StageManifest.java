package dev.winnow.jobs.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.winnow.blending.run.ChainedStage;
import dev.winnow.blending.run.StageRecord;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code _STAGE.json}: what a committed stage did. Its presence marks the stage as complete; a
 * re-run skips the stage when {@code configHash} and {@code inputFingerprint} still match.
 *
 * @param outputFingerprint what the next stage records as its input fingerprint
 * @param in                rows (documents) the stage read; always kept + rejected documents
 * @param kept              rows written to the stage folder (what the next stage reads)
 * @param rejected          rows written to {@code rejected/<stage>/}
 * @param rejectedByReason  reason code → rows
 * @param datasets          per dataset: in, kept, rejected
 * @param fileErrors        files that could not be read (fully), with the reason
 * @param metrics           figures particular to the stage (e.g. dedup's candidate edges); may be empty
 * @param split             for a stage that splits documents into pieces (decontaminate): the input
 *                          documents kept (as one or more pieces) and rejected whole; null otherwise,
 *                          where rows and documents are the same
 * @param keptChars         per dataset, the characters ({@code n_chars}) of the rows kept; null when the
 *                          stage's rows have no {@code n_chars} (or the manifest predates it)
 * @param examples          one rejected row per reason code, the one with the least id, for the report;
 *                          null in manifests that predate it
 * @param settings          what {@code configHash} was taken over, key by key ({@code clean.min-chars -> 100}),
 *                          so that a later run can say which changed; null in manifests that predate it
 * @param files             files the stage wrote outside its folders that its output came from, by role,
 *                          relative to the run folder ({@code model -> models/quality-….bin}); null when
 *                          it wrote none, or in manifests that predate it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageManifest(
        String stage,
        int index,
        String configHash,
        String inputFingerprint,
        String outputFingerprint,
        long in,
        long kept,
        long rejected,
        Map<String, Long> rejectedByReason,
        Map<String, DatasetCounts> datasets,
        List<FileError> fileErrors,
        String started,
        long elapsedMs,
        String sparkVersion,
        String master,
        Map<String, Long> metrics,
        Split split,
        Map<String, Long> keptChars,
        List<Example> examples,
        Map<String, String> settings,
        Map<String, String> files) implements ChainedStage {

    /** A manifest of a stage that wrote no files outside its folders. */
    public StageManifest(String stage, int index, String configHash, String inputFingerprint, String outputFingerprint,
                         long in, long kept, long rejected, Map<String, Long> rejectedByReason,
                         Map<String, DatasetCounts> datasets, List<FileError> fileErrors, String started, long elapsedMs,
                         String sparkVersion, String master, Map<String, Long> metrics, Split split,
                         Map<String, Long> keptChars, List<Example> examples, Map<String, String> settings) {
        this(stage, index, configHash, inputFingerprint, outputFingerprint, in, kept, rejected, rejectedByReason,
                datasets, fileErrors, started, elapsedMs, sparkVersion, master, metrics, split, keptChars, examples,
                settings, null);
    }

    public static final String FILE_NAME = StageRecord.FILE_NAME;

    /** Per dataset: documents in, rows kept, rows rejected. */
    public record DatasetCounts(long in, long kept, long rejected) {
    }

    /** Documents (not rows) kept and rejected by a stage that splits documents. */
    public record Split(long documentsKept, long documentsRejected) {
    }

    /**
     * A rejected row shown in the report: its reason, id, dataset, detail, and the first
     * {@link #EXCERPT_CHARS} characters of its text (null when the row has no text, or the run
     * does not keep rejected text).
     */
    public record Example(String reason, String id, String dataset, String detail, String excerpt) {
        public static final int EXCERPT_CHARS = 300;
    }

    public record FileError(String dataset, String file, String reason, String detail) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the manifest of " + stage, e);
        }
    }

    public static StageManifest fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, StageManifest.class);
    }
}
