package dev.winnow.blending;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlendPlanTest {
    private static final BlendSpec MT_NLG = BlendSpec.load(new File("../conf/blend/mt-nlg.conf"));

    @Test
    void theMtNlgTableGivesThePapersEpochs() {
        assertEquals(15, MT_NLG.datasets().size());
        assertEquals(270e9, MT_NLG.targetTokens());
        BlendPlan plan = BlendPlan.fromRecordedSizes(MT_NLG, 270e9);
        double total = 0;
        for (BlendPlan.Row r : plan.rows()) {
            assertTrue(Math.abs(r.epochs() - r.recordedEpochs()) <= 0.15,
                    r.dataset() + ": " + r.epochs() + " vs the paper's " + r.recordedEpochs());
            total += r.tokens();
        }
        assertEquals(338.6e9, total, 0.05e9);
        assertEquals(3.527, plan.row("openwebtext2").epochs(), 0.001);
        assertTrue(plan.table().contains("openwebtext2"));
    }

    @Test
    void badSpecsAreClearErrors() {
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class, () -> BlendSpec.parse(
                "blend { target-tokens = 100, datasets = [{ name = a, weight = 0.5 }, { name = b, weight = 0.4 }] }"));
        assertTrue(sum.getMessage().contains("sum to 0.90000"), sum.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BlendSpec.parse(
                "blend { target-tokens = 100, datasets = [{ name = a, weight = 0.5 }, { name = a, weight = 0.5 }] }"))
                .getMessage().contains("listed twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BlendSpec.parse(
                "blend { target-tokens = 100, datasets = [{ name = a, weigth = 1 }] }")).getMessage().contains("weigth"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BlendSpec.parse(
                "blend { target-tokens = 100, unweighted = maybe, datasets = [{ name = a, weight = 1 }] }"))
                .getMessage().contains("error or drop"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BlendSpec.parse(
                "blend { target-tokens = 0, datasets = [{ name = a, weight = 1 }] }")).getMessage().contains("target-tokens"));
        BlendSpec ok = BlendSpec.parse("blend { target-tokens = 100, datasets = [{ name = a, weight = 0.5 }, { name = b, weight = 0.5 }] }");
        assertEquals(BlendSpec.Unweighted.ERROR, ok.unweighted());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> BlendPlan.of(ok, Map.of("a", 10L), 100));
        assertTrue(missing.getMessage().contains("dataset b has no tokens (it is not in the data)"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlendPlan.fromRecordedSizes(ok, 100));
    }

    @Test
    void epochCapsMoveTheSpareWeightToTheOthers() {
        BlendSpec spec = BlendSpec.parse("blend { target-tokens = 1000, datasets = ["
                + "{ name = small, weight = 0.5, epoch-cap = 2 }, { name = big, weight = 0.3 }, { name = mid, weight = 0.2 }] }");
        BlendPlan plan = BlendPlan.of(spec, Map.of("small", 100L, "big", 10_000L, "mid", 1_000L), 1000);
        BlendPlan.Row small = plan.row("small");
        assertTrue(small.capped());
        assertEquals(2.0, small.epochs(), 1e-9);
        assertEquals(0.2, small.effectiveWeight(), 1e-9);
        // The freed 0.3 goes to big and mid in proportion 3:2.
        assertEquals(0.3 + 0.3 * 0.6, plan.row("big").effectiveWeight(), 1e-9);
        assertEquals(0.2 + 0.3 * 0.4, plan.row("mid").effectiveWeight(), 1e-9);
        assertEquals(1.0, plan.rows().stream().mapToDouble(BlendPlan.Row::effectiveWeight).sum(), 1e-9);
        assertFalse(plan.row("big").capped());
        BlendSpec allCapped = BlendSpec.parse("blend { target-tokens = 1000, datasets = [{ name = a, weight = 1, epoch-cap = 1 }] }");
        assertThrows(IllegalArgumentException.class, () -> BlendPlan.of(allCapped, Map.of("a", 10L), 1000));
    }

    @Test
    void manifestPathsStayInsideTheBlendFolder() throws Exception {
        BlendManifest.Shard ok = new BlendManifest.Shard("books/shard-00000.parquet", 3, 30, "ab");
        BlendManifest m = new BlendManifest(BlendManifest.FORMAT, Gpt2Tokenizer.NAME, 50257, 50256, "x", 100, "f",
                Map.of("books", new BlendManifest.Dataset(1, 1, 3, 30, 3.3, java.util.List.of(ok))));
        assertEquals(m, BlendManifest.fromJson(m.toJson()));
        for (String bad : new String[] {"../x.parquet", "/abs/x.parquet", "books/../../x", "C:\\x", ""}) {
            assertThrows(IllegalArgumentException.class, () -> BlendManifest.checkRelative(bad, "books"), bad);
        }
    }
}
