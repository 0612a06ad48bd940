package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.run.Stage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The stages Winnow knows, by the name used in {@code winnow.stages}. */
public final class StageCatalog {
    private static final Map<String, Supplier<Stage>> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put(IngestStage.NAME, IngestStage::new);
        STAGES.put(CleanStage.NAME, CleanStage::new);
        STAGES.put(LanguageStage.NAME, LanguageStage::new);
        STAGES.put(QualityStage.NAME, QualityStage::new);
        STAGES.put(ExactDedupStage.NAME, ExactDedupStage::new);
        STAGES.put(FuzzyDedupStage.NAME, FuzzyDedupStage::new);
        STAGES.put(DecontaminateStage.NAME, DecontaminateStage::new);
        STAGES.put(BlendStage.NAME, BlendStage::new);
    }

    private StageCatalog() {
    }

    public static Stage create(String name) {
        Supplier<Stage> s = STAGES.get(name);
        if (s == null) {
            throw new ConfigError("unknown stage '" + name + "'; Winnow has " + String.join(", ", STAGES.keySet()));
        }
        return s.get();
    }

    public static Set<String> names() {
        return STAGES.keySet();
    }

    /** The main class that runs a stage alone (for spark-submit --class). */
    public static String mainClass(String name) {
        return create(name).getClass().getName();
    }
}
