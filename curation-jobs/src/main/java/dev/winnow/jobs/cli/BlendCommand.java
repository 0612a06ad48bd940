package dev.winnow.jobs.cli;

import dev.winnow.blending.BlendManifest;
import dev.winnow.blending.BlendPlan;
import dev.winnow.blending.BlendSpec;
import dev.winnow.jobs.config.ConfigFiles;
import dev.winnow.jobs.config.WinnowConfig;
import dev.winnow.jobs.run.RunLayout;
import dev.winnow.jobs.stages.BlendStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code winnow blend}: blend tools. */
@Command(name = "blend", mixinStandardHelpOptions = true, description = "Blend tools.",
        subcommands = {BlendCommand.Plan.class})
final class BlendCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Prints the paper-style blend table (dataset, tokens, weight, epochs). --config is a blend "
                    + "spec (conf/blend/mt-nlg.conf: the sizes it records) or a pipeline config (its blend.spec, "
                    + "with the token counts of its run's blend/manifest.json when the run has one).")
    static final class Plan implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "A blend spec or a pipeline config: a local file or a URI on a Hadoop file system.")
        String config;

        @Option(names = "--target-tokens", paramLabel = "N", description = "Training tokens (e.g. 270e9); default: the spec's.")
        Double targetTokens;

        @Option(names = "--run", paramLabel = "DIR", description = "A run folder whose blend/manifest.json gives the token counts.")
        String run;

        @Override
        public Integer call() throws IOException {
            Map<String, String> hadoop = ConfigOptions.sparkSubmitHadoopSettings();
            try {
                boolean remote = ConfigFiles.onHadoop(config);
                if (!remote && !Files.isReadable(ConfigFiles.localPath(config))) {
                    System.err.println("winnow blend plan: cannot read " + config);
                    return 2;
                }
                String text = remote ? ConfigFiles.read(config, hadoop) : Files.readString(ConfigFiles.localPath(config));
                BlendSpec spec;
                String runDir = run;
                if (com.typesafe.config.ConfigFactory.parseString(text).hasPath("blend.datasets")) {
                    spec = remote ? BlendSpec.parse(text, config) : BlendSpec.load(ConfigFiles.localPath(config).toFile());
                } else {
                    WinnowConfig pipeline = WinnowConfig.load(config, List.of(), hadoop);
                    spec = BlendStage.spec(pipeline);
                    hadoop = pipeline.driverFileSettings();
                    if (runDir == null) {
                        runDir = pipeline.runDir();
                    }
                }
                double target = targetTokens != null ? targetTokens : spec.targetTokens();
                RunLayout layout = runDir == null ? null : new RunLayout(runDir, ConfigFiles.hadoopConfiguration(hadoop));
                BlendManifest manifest = layout == null ? null : layout.readBlendManifest().orElse(null);
                BlendPlan plan;
                if (manifest != null) {
                    Map<String, Long> tokens = new LinkedHashMap<>();
                    manifest.datasets().forEach((d, e) -> tokens.put(d, e.tokens()));
                    System.out.println("token counts: " + layout.blendManifestFile());
                    plan = BlendPlan.of(spec, tokens, target);
                } else {
                    System.out.println("token counts: as recorded in the spec (no run counted them yet)");
                    plan = BlendPlan.fromRecordedSizes(spec, target);
                }
                System.out.print(plan.table());
                return 0;
            } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
                System.err.println("winnow blend plan: " + e.getMessage());
                return 2;
            }
        }
    }
}
