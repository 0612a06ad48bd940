package dev.winnow.jobs.stages;

import dev.winnow.jobs.run.SettingsText;
import dev.winnow.jobs.run.Stage;
import dev.winnow.jobs.run.StageContext;

/** A stage whose settings are its own config block, {@code winnow.<name>}. */
abstract class BlockStage implements Stage {
    private final String name;

    BlockStage(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public SettingsText settings(StageContext context) {
        return new SettingsText().config(context.config(), "winnow." + name);
    }
}
