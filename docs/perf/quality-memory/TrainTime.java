import dev.winnow.quality.fasttext.FastTextTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class TrainTime {
    public static void main(String[] a) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(a[0]));
        int threads = Integer.parseInt(a[1]);
        FastTextTrainer.Settings s = FastTextTrainer.Settings.DEFAULT.withBlock(16);
        long t0 = System.nanoTime();
        var m = FastTextTrainer.train(lines, s, threads);
        System.out.printf("train_s %.1f threads %d (%s)%n", (System.nanoTime() - t0) / 1e9, threads,
                m.dictionary().words());
    }
}
