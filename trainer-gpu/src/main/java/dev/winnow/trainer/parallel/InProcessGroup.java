package dev.winnow.trainer.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleBinaryOperator;

/**
 * A group of ranks that are threads of this JVM. A collective is a rendezvous: every rank puts
 * its array in its slot, waits for all, computes the result from all slots in rank order (so
 * every rank gets the same bits), and waits again before the slots are reused. Point-to-point
 * messages go through one queue per (sender, receiver) pair.
 */
public final class InProcessGroup {
  /** A rank stuck this long in a collective means a schedule bug; fail instead of hanging. */
  private static final long TIMEOUT_S = 300;

  private final int size;
  private final double[][] slots;
  private final CyclicBarrier barrier;
  private final List<BlockingQueue<double[]>> queues = new ArrayList<>();

  private InProcessGroup(int size) {
    this.size = size;
    this.slots = new double[size][];
    this.barrier = new CyclicBarrier(size);
    for (int i = 0; i < size * size; i++) {
      queues.add(new LinkedBlockingQueue<>());
    }
  }

  /** The group's communicators, one per rank, index = rank. */
  public static List<Communicator> create(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("group size must be >= 1, got " + size);
    }
    InProcessGroup g = new InProcessGroup(size);
    List<Communicator> out = new ArrayList<>();
    for (int r = 0; r < size; r++) {
      out.add(g.new Member(r));
    }
    return out;
  }

  private final class Member implements Communicator {
    private final int rank;

    Member(int rank) {
      this.rank = rank;
    }

    @Override
    public int rank() {
      return rank;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public void allReduceSum(double[] data) {
      reduceInPlace(data, Double::sum);
    }

    @Override
    public void allReduceMax(double[] data) {
      reduceInPlace(data, Math::max);
    }

    private void reduceInPlace(double[] data, DoubleBinaryOperator op) {
      if (size == 1) {
        return;
      }
      double[][] all = exchange(data.clone());
      for (int i = 0; i < data.length; i++) {
        double acc = all[0][i];
        for (int r = 1; r < size; r++) {
          acc = op.applyAsDouble(acc, all[r][i]);
        }
        data[i] = acc;
      }
      await();
    }

    @Override
    public double[] allGather(double[] part) {
      if (size == 1) {
        return part.clone();
      }
      double[][] all = exchange(part.clone());
      double[] out = new double[part.length * size];
      for (int r = 0; r < size; r++) {
        if (all[r].length != part.length) {
          throw new IllegalArgumentException("all-gather parts differ in length");
        }
        System.arraycopy(all[r], 0, out, r * part.length, part.length);
      }
      await();
      return out;
    }

    @Override
    public double[] reduceScatterSum(double[] data) {
      if (data.length % size != 0) {
        throw new IllegalArgumentException(
            "reduce-scatter of " + data.length + " elements over " + size + " ranks");
      }
      int chunk = data.length / size;
      if (size == 1) {
        return data.clone();
      }
      double[][] all = exchange(data.clone());
      double[] out = new double[chunk];
      for (int i = 0; i < chunk; i++) {
        double acc = 0;
        for (int r = 0; r < size; r++) {
          acc += all[r][rank * chunk + i];
        }
        out[i] = acc;
      }
      await();
      return out;
    }

    @Override
    public void send(int peer, double[] data) {
      queues.get(rank * size + peer).add(data.clone());
    }

    @Override
    public double[] receive(int peer) {
      try {
        double[] d = queues.get(peer * size + rank).poll(TIMEOUT_S, TimeUnit.SECONDS);
        if (d == null) {
          throw new IllegalStateException("rank " + rank + " timed out receiving from " + peer);
        }
        return d;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted receiving", e);
      }
    }

    /** Publishes this rank's array and returns all ranks' arrays once everyone has. */
    private double[][] exchange(double[] mine) {
      slots[rank] = mine;
      await();
      return Arrays.copyOf(slots, size);
    }

    private void await() {
      try {
        barrier.await(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted in a collective", e);
      } catch (BrokenBarrierException | TimeoutException e) {
        throw new IllegalStateException("collective failed on rank " + rank, e);
      }
    }
  }
}
