package dev.winnow.blending.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The part of a stage's {@code _STAGE.json} that places it in its run's {@link StageChain}, read
 * without Spark or Hadoop (the trainer reads run folders on a local or mounted disk).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageRecord(String stage, int index, String inputFingerprint, String outputFingerprint, String started)
        implements ChainedStage {
    /** A committed stage's record; written last, so its presence marks the stage complete. */
    public static final String FILE_NAME = "_STAGE.json";
    /** The folder of a run that holds one folder per committed stage. */
    public static final String STAGES_FOLDER = "stages";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The records under {@code <run>/stages/}, in folder order. A record that cannot be parsed is
     * left out, as the pipeline treats it: the stage is incomplete and runs again.
     */
    public static List<StageRecord> readCommitted(Path run) {
        Path stages = run.resolve(STAGES_FOLDER);
        List<StageRecord> out = new ArrayList<>();
        if (!Files.isDirectory(stages)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(stages)) {
            for (Path dir : dirs.sorted().toList()) {
                Path file = dir.resolve(FILE_NAME);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    StageRecord r = JSON.readValue(file.toFile(), StageRecord.class);
                    if (r.stage() != null && r.inputFingerprint() != null && r.outputFingerprint() != null) {
                        out.add(r);
                    }
                } catch (IOException e) {
                    // incomplete: left out
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + stages, e);
        }
        return out;
    }
}
