package dev.winnow.trainer.train;

import dev.winnow.trainer.backend.Precision;
import dev.winnow.trainer.model.ParameterLayout;
import dev.winnow.trainer.parallel.Topology;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A checkpoint folder: {@code checkpoint.properties} (step, tokens, layout, model shape, loader
 * state, loss scale) and one {@code rank-NNNNN.bin} per rank with its parameter shard and its
 * range of the AdamW moments, in the run's storage precision (so a restore is bit-identical).
 *
 * <p>Loading always goes through whole named tensors ({@link GlobalTensors}): the shards of the
 * saved layout are assembled and the new layout's shards sliced out, so a checkpoint from any
 * (tp, pp, dp, ZeRO) layout loads into any other. Training has no randomness besides the
 * initialisation (no dropout), so the loader state is the only random-stream position to keep.
 */
public final class Checkpoint {
  private static final String MANIFEST = "checkpoint.properties";
  private static final int MAGIC = 0x57494E31; // "WIN1"

  private Checkpoint() {}

  /** Writes {@code trainer}'s state and the loader state into {@code dir} (created). */
  public static void save(Trainer trainer, Path dir, String loaderState) {
    try {
      Files.createDirectories(dir);
      TrainerSettings s = trainer.settings();
      Properties p = new Properties();
      p.setProperty("format", "winnow-checkpoint/1");
      p.setProperty("step", Integer.toString(trainer.step()));
      p.setProperty("tokens", Long.toString(trainer.tokens()));
      Topology t = s.topology();
      p.setProperty("tp", Integer.toString(t.tpSize()));
      p.setProperty("pp", Integer.toString(t.ppSize()));
      p.setProperty("dp", Integer.toString(t.dpSize()));
      p.setProperty("model", s.model().toString());
      p.setProperty("loader", loaderState);
      double[] scaler = trainer.ranks().get(0).scaler().state();
      p.setProperty("loss-scale", Double.toString(scaler[0]));
      p.setProperty("loss-scale-clean-steps", Long.toString((long) scaler[1]));
      for (RankWorker r : trainer.ranks()) {
        writeRank(r, dir.resolve(rankFile(r.groups().rank())));
      }
      try (OutputStream out = Files.newOutputStream(dir.resolve(MANIFEST))) {
        p.store(out, "Winnow trainer checkpoint");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + dir, e);
    }
  }

  /**
   * Loads {@code dir} into {@code trainer} (any layout of the same model) and returns the
   * loader state to restore.
   */
  public static String load(Trainer trainer, Path dir) {
    Properties p = properties(dir);
    TrainerSettings s = trainer.settings();
    if (!s.model().toString().equals(p.getProperty("model"))) {
      throw new IllegalArgumentException("checkpoint " + dir + " is of model "
          + p.getProperty("model") + ", this run trains " + s.model());
    }
    Topology saved = new Topology(Integer.parseInt(p.getProperty("tp")),
        Integer.parseInt(p.getProperty("pp")), Integer.parseInt(p.getProperty("dp")));
    GlobalTensors params = new GlobalTensors();
    GlobalTensors m = new GlobalTensors();
    GlobalTensors v = new GlobalTensors();
    assemble(dir, saved, s, params, m, v);
    double[] scaler = {Double.parseDouble(p.getProperty("loss-scale")),
        Double.parseDouble(p.getProperty("loss-scale-clean-steps"))};
    for (RankWorker r : trainer.ranks()) {
      ParameterLayout layout = r.model().layout();
      r.model().backend().upload(r.model().parameters(), params.slice(layout));
      ShardOptimizer o = r.optimizer();
      int from = (int) o.start();
      int to = (int) o.end();
      if (to > from) {
        r.model().backend().upload(o.firstMoment(),
            java.util.Arrays.copyOfRange(m.slice(layout), from, to));
        r.model().backend().upload(o.secondMoment(),
            java.util.Arrays.copyOfRange(v.slice(layout), from, to));
      }
      r.scaler().restore(scaler);
    }
    trainer.setProgress(Integer.parseInt(p.getProperty("step")),
        Long.parseLong(p.getProperty("tokens")));
    return p.getProperty("loader");
  }

  /** The loader state {@code dir} holds, read without loading the weights (to check it first). */
  public static String loaderState(Path dir) {
    return properties(dir).getProperty("loader");
  }

  private static Properties properties(Path dir) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(MANIFEST))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + dir, e);
    }
    return p;
  }

  /** One saved rank's shard: where its optimizer range lies and the values. */
  private record RankShard(int rank, long start, long end, double[] params, double[] m,
      double[] v) {}

  private static void assemble(Path dir, Topology saved, TrainerSettings s, GlobalTensors params,
      GlobalTensors m, GlobalTensors v) {
    // Group the saved ranks by model shard (tp, pp); their dp replicas hold the same parameters
    // and, under ZeRO, disjoint ranges of the moments.
    Map<String, List<RankShard>> byShard = new HashMap<>();
    for (int rank = 0; rank < saved.worldSize(); rank++) {
      Topology.Coordinates c = saved.coordinates(rank);
      byShard.computeIfAbsent(c.tp() + "/" + c.pp(), k -> new ArrayList<>())
          .add(readRank(dir.resolve(rankFile(rank)), rank));
    }
    for (Map.Entry<String, List<RankShard>> e : byShard.entrySet()) {
      String[] key = e.getKey().split("/");
      ParameterLayout layout = new ParameterLayout(s.model(),
          dev.winnow.trainer.model.ModelShard.of(s.model(), Integer.parseInt(key[0]),
              saved.tpSize(), Integer.parseInt(key[1]), saved.ppSize()));
      int size = (int) layout.size();
      double[] fullM = new double[size];
      double[] fullV = new double[size];
      for (RankShard r : e.getValue()) {
        if (r.params().length != size) {
          throw new IllegalArgumentException("rank " + r.rank() + " of " + dir + " holds "
              + r.params().length + " parameters, its layout has " + size);
        }
        System.arraycopy(r.m(), 0, fullM, (int) r.start(), r.m().length);
        System.arraycopy(r.v(), 0, fullV, (int) r.start(), r.v().length);
      }
      params.put(layout, e.getValue().get(0).params());
      m.put(layout, fullM);
      v.put(layout, fullV);
    }
  }

  private static void writeRank(RankWorker r, Path file) throws IOException {
    ShardOptimizer o = r.optimizer();
    var b = r.model().backend();
    boolean doubles = b.precision() == Precision.FP64;
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      out.writeInt(MAGIC);
      out.writeBoolean(doubles);
      out.writeLong(o.start());
      out.writeLong(o.end());
      writeValues(out, b.download(r.model().parameters()), doubles);
      long n = o.end() - o.start();
      writeValues(out, java.util.Arrays.copyOf(b.download(o.firstMoment()), (int) n), doubles);
      writeValues(out, java.util.Arrays.copyOf(b.download(o.secondMoment()), (int) n), doubles);
    }
  }

  private static RankShard readRank(Path file, int rank) {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException(file + " is not a Winnow checkpoint shard");
      }
      boolean doubles = in.readBoolean();
      long start = in.readLong();
      long end = in.readLong();
      return new RankShard(rank, start, end, readValues(in, doubles), readValues(in, doubles),
          readValues(in, doubles));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void writeValues(DataOutputStream out, double[] values, boolean doubles)
      throws IOException {
    out.writeInt(values.length);
    for (double x : values) {
      if (doubles) {
        out.writeDouble(x);
      } else {
        out.writeFloat((float) x);
      }
    }
  }

  private static double[] readValues(DataInputStream in, boolean doubles) throws IOException {
    double[] out = new double[in.readInt()];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles ? in.readDouble() : in.readFloat();
    }
    return out;
  }

  private static String rankFile(int rank) {
    return String.format("rank-%05d.bin", rank);
  }
}
