package dev.winnow.jobs.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a stage's committed output can be used as it is, and if not, why the stage runs: what
 * {@code winnow run} prints before running a stage again, and what {@code --dry-run} prints
 * instead of running it. Also carries the hashes the stage's new manifest records.
 *
 * @param existing         the committed manifest, or null
 * @param configHash       over the stage's settings (and whether rejected text is kept)
 * @param settings         those settings, key by key, as the manifest records them
 * @param inputFingerprint null when the stage before it runs first (its output is not known yet)
 * @param causes           why the stage runs ("its settings changed"); empty when up to date
 * @param changes          the settings that changed, {@code key: old → new}, then what changed in the
 *                         input where the stage can tell ({@link Stage#inputChanges})
 */
public record Freshness(StageManifest existing, String configHash, Map<String, String> settings,
                        String inputFingerprint, List<String> causes, List<String> changes) {
    static final String KEEP_REJECTED_TEXT = "keep-rejected-text";

    public boolean upToDate() {
        return causes.isEmpty();
    }

    /**
     * Judges {@code stage} in {@code context}. With {@code upstreamRuns}, the stage before it is
     * not up to date, so this one runs whatever its manifest says, and its input is not read.
     */
    public static Freshness of(Stage stage, StageContext context, boolean upstreamRuns) {
        SettingsText text = stage.settings(context);
        boolean keepText = context.config().keepRejectedText();
        String configHash = Fingerprint.of(stage.name(), text.hashed(), KEEP_REJECTED_TEXT + "=" + keepText);
        Map<String, String> settings = new TreeMap<>(text.shown());
        settings.put(KEEP_REJECTED_TEXT, String.valueOf(keepText));
        String input = context.index() == 1 ? "its source files"
                : "the output of " + context.config().stages().get(context.index() - 2);
        String inputFingerprint = upstreamRuns ? null : stage.inputFingerprint(context);
        StageManifest existing = context.layout().readManifest(context.index(), stage.name()).orElse(null);

        List<String> causes = new ArrayList<>();
        List<String> changes = List.of();
        if (existing == null) {
            causes.add("not run yet");
        } else {
            if (!existing.configHash().equals(configHash)) {
                if (existing.settings() == null) {
                    causes.add("its settings changed (its manifest predates recorded settings: which is not known)");
                } else {
                    changes = SettingsDiff.lines(existing.settings(), settings);
                    causes.add(changes.isEmpty() ? "its settings changed (no recorded key differs: this Winnow hashes them differently)"
                            : "its settings changed");
                }
            }
            if (inputFingerprint == null) {
                causes.add(input + " will change");
            } else if (!existing.inputFingerprint().equals(inputFingerprint)) {
                causes.add(input + " changed");
                changes = new ArrayList<>(changes);
                changes.addAll(stage.inputChanges(existing, context));
            }
        }
        return new Freshness(existing, configHash, settings, inputFingerprint, List.copyOf(causes), List.copyOf(changes));
    }
}
