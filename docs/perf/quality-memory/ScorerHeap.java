import dev.winnow.quality.fasttext.FastTextModel;
import dev.winnow.quality.fasttext.FastTextScorer;
import java.nio.file.Path;

public class ScorerHeap {
    static long used() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
    public static void main(String[] a) throws Exception {
        Path f = Path.of(a[0]);
        long base = used();
        long t0 = System.nanoTime();
        Object o = a[1].equals("scorer") ? FastTextScorer.load(f) : FastTextModel.load(f).scorer();
        long t1 = System.nanoTime();
        Object keep = a[1].equals("scorer") ? o : FastTextModel.load(f);
        System.out.printf("%s: load %.2f s, heap held %d MB%n", a[1], (t1 - t0) / 1e9, (used() - base) >> 20);
        System.out.println(keep.hashCode() != 0);
    }
}
