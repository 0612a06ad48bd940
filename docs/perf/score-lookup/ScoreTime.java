import dev.winnow.quality.fasttext.FastTextScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scoring speed of a fastText model on prepared texts, one thread: docs/s per pass (pass 0
 * warms the JIT up and is not counted) and a digest of every probability, to show two builds
 * score the same.   java -Xmx4g -cp CLASSES ScoreTime.java MODEL.bin INPUT.txt PASSES
 */
public class ScoreTime {
    public static void main(String[] a) throws Exception {
        FastTextScorer model = FastTextScorer.load(Path.of(a[0]));
        List<String> texts = Files.readAllLines(Path.of(a[1]));
        int passes = Integer.parseInt(a[2]);
        long digest = 0;
        double best = 0;
        StringBuilder rates = new StringBuilder();
        for (int pass = 0; pass <= passes; pass++) {
            long t0 = System.nanoTime();
            long d = 0;
            for (String text : texts) {
                for (float p : model.predict(text)) {
                    d = d * 31 + Float.floatToRawIntBits(p);
                }
            }
            double rate = texts.size() / ((System.nanoTime() - t0) / 1e9);
            digest = d;
            if (pass > 0) {
                best = Math.max(best, rate);
                rates.append(String.format(" %.0f", rate));
            }
        }
        System.out.printf("docs %d best_docs_per_s %.0f passes%s digest %016x%n", texts.size(), best, rates, digest);
    }
}
