import dev.winnow.quality.fasttext.FastTextTrainer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

public class FitTime {
    public static void main(String[] a) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(a[0]));
        if (a.length > 2) lines = lines.subList(0, Integer.parseInt(a[2]));
        int threads = Integer.parseInt(a[1]);
        FastTextTrainer.Settings s = FastTextTrainer.Settings.DEFAULT.withBlock(16);
        long t0 = System.nanoTime();
        var m = FastTextTrainer.train(lines, s, threads);
        double secs = (System.nanoTime() - t0) / 1e9;
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (OutputStream o = new DigestOutputStream(OutputStream.nullOutputStream(), md)) { m.write(o); }
        System.out.printf("train_s %.1f threads %d sha %s%n", secs, threads, HexFormat.of().formatHex(md.digest()).substring(0, 16));
    }
}
