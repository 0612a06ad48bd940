package dev.winnow.jobs.stages;

import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.Stage;

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
    public String settings(WinnowConfig config) {
        return config.render("winnow." + name);
    }
}
