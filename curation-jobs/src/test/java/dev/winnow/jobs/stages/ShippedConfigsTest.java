package dev.winnow.jobs.stages;

import dev.winnow.blending.BlendSpec;
import dev.winnow.jobs.config.DatasetSpec;
import dev.winnow.jobs.config.WinnowConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configs in conf/ pass every check their stages make before a run starts (settings, dataset
 * names, blend spec against the datasets); no data is read. A config a user copies must not fail
 * after hours on a cluster.
 */
class ShippedConfigsTest {
    private static final Path CONF = Path.of("..", "conf").toAbsolutePath().normalize();

    private static WinnowConfig load(String name) {
        return WinnowConfig.load(CONF.resolve(name), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local.conf", "cluster.conf", "shared-text.conf"})
    void everyStageAcceptsItsSettings(String name) {
        WinnowConfig config = load(name);
        for (String stage : config.stages()) {
            StageCatalog.create(stage).checkSettings(config);
        }
    }

    @Test
    void theClusterConfigIsMtNlgsWholePipeline() {
        WinnowConfig config = load("cluster.conf");
        assertEquals(List.copyOf(StageCatalog.names()), config.stages(), "all eight stages, in order");
        BlendSpec spec = BlendStage.spec(config);
        Set<String> datasets = config.datasets().stream().map(DatasetSpec::name).collect(Collectors.toSet());
        assertEquals(15, datasets.size());
        assertEquals(Set.copyOf(spec.names()), datasets, "the blend weighs exactly the run's datasets");
        assertEquals(config.datasets().size(), config.datasets().stream().map(DatasetSpec::priority).distinct().count(),
                "every dataset has its own dedup priority");
        assertTrue(config.datasets().stream().allMatch(d -> d.paths().stream().allMatch(p -> p.startsWith("hdfs://"))),
                "inputs on HDFS");
        assertTrue(config.runDir().startsWith("hdfs://"), config.runDir());
        // Language and quality rules on the raw Common Crawl snapshots only.
        assertEquals(List.of("cc-2020-50", "cc-2021-04"), LanguageStage.params(config.block("language"), config).filtered());
        assertEquals(List.of("cc-2020-50", "cc-2021-04"), QualityStage.params(config.block("quality"), config).filtered());
    }
}
