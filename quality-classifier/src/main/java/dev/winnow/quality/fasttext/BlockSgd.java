package dev.winnow.quality.fasttext;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * fastText's supervised SGD over tokenized lines, on any number of threads with a result that
 * does not depend on that number. The lines are taken {@code block} at a time, in fastText's
 * order and with its learning-rate schedule. Every line of a block computes its gradient from
 * the weights as they were when the block began (phase 1, lines taken in turn by the threads);
 * then the block's updates are added line by line, in line order (phase 2, the input rows split
 * over the threads by row number). Each weight thus receives the same additions in the same
 * order whatever the threads, so the model is identical bit for bit.
 *
 * <p>{@code block = 1} is fastText's own serial algorithm. A larger block lets the threads work
 * at once, at the price of gradients up to {@code block − 1} updates stale: the same kind of
 * staleness fastText's lock-free threads have, but fixed by the settings instead of by the
 * scheduler.
 */
final class BlockSgd {
    private final RowMatrix input;
    private final float[] output;
    private final int dim;
    private final int labels;
    private final int block;
    private final int[][] rows;
    private final int[][] lineLabels;
    private final int[] tokens;
    private final double lr0;
    private final long total;
    private final SplittableRandom random;

    /** Per block slot: hidden vector, gradient and per-label step of phase 1, read by phase 2. */
    private final float[] hidden;
    private final float[] grad;
    private final float[] alpha;
    /** Two schedules: the next block's is written while the threads may still read this one's. */
    private final Schedule[] schedules;

    /** The first failure of a thread, for the message of the others it stops. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private long tokenCount;
    private long local;
    private int next;

    BlockSgd(RowMatrix input, float[] output, int dim, int labels, int block, int[][] rows,
            int[][] lineLabels, int[] tokens, double lr, long total, SplittableRandom random) {
        this.input = input;
        this.output = output;
        this.dim = dim;
        this.labels = labels;
        this.block = block;
        this.rows = rows;
        this.lineLabels = lineLabels;
        this.tokens = tokens;
        this.lr0 = lr;
        this.total = total;
        this.random = random;
        this.hidden = new float[block * dim];
        this.grad = new float[block * dim];
        this.alpha = new float[block * labels];
        this.schedules = new Schedule[] {new Schedule(), new Schedule()};
    }

    /** The lines of one block: which line, its learning rate and target label (-1: no update). */
    private final class Schedule {
        final int[] line = new int[block];
        final float[] lr = new float[block];
        final int[] target = new int[block];
        /** The next slot a thread takes in phase 1. */
        final AtomicInteger claimed = new AtomicInteger();
        int size;
    }

    /** Runs every epoch on {@code threads} threads (the caller and threads − 1 more). */
    void run(int threads) {
        int n = Math.max(1, Math.min(threads, block)); // phase 1 has block slots to share
        if (n == 1) {
            Scratch scratch = new Scratch();
            for (Schedule s = schedule(0); s.size > 0; s = schedule(0)) {
                for (int j = 0; j < s.size; j++) {
                    gradient(s, j, scratch);
                }
                apply(s, 0, 1, scratch);
            }
            return;
        }
        SpinBarrier barrier = new SpinBarrier(n);
        schedule(0);
        Parallel.onThreads(n, id -> work(id, n, barrier));
    }

    /** One thread's share of every block; thread 0 also writes the next block's schedule. */
    private void work(int id, int n, SpinBarrier barrier) {
        try {
            Scratch scratch = new Scratch();
            for (int b = 0;; b++) {
                barrier.await(); // this block's schedule and the last block's updates are done
                Schedule s = schedules[b & 1];
                if (s.size == 0) {
                    return;
                }
                for (int j = s.claimed.getAndIncrement(); j < s.size; j = s.claimed.getAndIncrement()) {
                    gradient(s, j, scratch);
                }
                barrier.await();
                apply(s, id, n, scratch);
                if (id == 0) {
                    schedule((b + 1) & 1);
                }
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            barrier.breakBarrier();
            Throwable cause = failure.get();
            throw new IllegalStateException("fastText training stopped: "
                    + (cause != null ? "a thread failed: " + cause : "interrupted"), cause != null ? cause : e);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            barrier.breakBarrier(); // the other threads stop at the barrier instead of waiting forever
            throw e;
        }
    }

    /**
     * The next up to {@code block} lines, exactly as fastText's loop visits them: the learning
     * rate decays with the tokens seen (counted every {@link FastTextTrainer#LR_UPDATE_RATE}),
     * and the target of a line with several labels is drawn in line order.
     */
    private Schedule schedule(int which) {
        Schedule s = schedules[which];
        s.size = 0;
        s.claimed.set(0);
        while (s.size < block && tokenCount < total) {
            int i = next;
            next = (next + 1) % tokens.length;
            s.lr[s.size] = (float) (lr0 * (1.0 - (double) tokenCount / total));
            local += tokens[i];
            int[] l = lineLabels[i];
            s.line[s.size] = i;
            s.target[s.size] = l.length > 0 && rows[i].length > 0
                    ? l[l.length == 1 ? 0 : random.nextInt(l.length)] : -1;
            s.size++;
            if (local > FastTextTrainer.LR_UPDATE_RATE) {
                tokenCount += local;
                local = 0;
            }
        }
        return s;
    }

    /** One thread's buffers for phase 1. */
    private final class Scratch {
        final float[] hidden = new float[dim];
        final float[] out = new float[labels];
        /** Phase 2: the rows of a line that this thread owns. */
        int[] owned = new int[0];

        int[] owned(int size) {
            if (owned.length < size) {
                owned = new int[Math.max(size, 2 * owned.length)];
            }
            return owned;
        }
    }

    /**
     * Phase 1 for slot j: softmax regression's gradient at the block's starting weights. Any
     * thread may take any slot (they are claimed in turn): a slot's result depends on nothing else.
     */
    private void gradient(Schedule s, int j, Scratch scratch) {
        if (s.target[j] < 0) {
            return;
        }
        float[] h = scratch.hidden;
        float[] out = scratch.out;
        int[] r = rows[s.line[j]];
        input.averageRows(r, h);
        FastTextModel.logits(output, dim, h, out);
        FastTextModel.softmax(out);
        int g = j * dim;
        Arrays.fill(grad, g, g + dim, 0f);
        for (int label = 0; label < labels; label++) {
            float a = s.lr[j] * ((label == s.target[j] ? 1f : 0f) - out[label]);
            alpha[j * labels + label] = a;
            int base = label * dim;
            for (int d = 0; d < dim; d++) {
                grad[g + d] += a * output[base + d];
            }
        }
        float scale = 1.0f / r.length; // fastText normalizes by the input size for supervised models
        for (int d = 0; d < dim; d++) {
            grad[g + d] *= scale;
        }
        System.arraycopy(h, 0, hidden, g, dim);
    }

    /**
     * Phase 2 for the rows this thread owns (row mod n = id; thread 0 also owns the output
     * layer): every slot's updates, in slot order. Whole rows, not slices of every row, so each
     * row's cache lines and page are fetched by one thread only.
     */
    private void apply(Schedule s, int id, int n, Scratch scratch) {
        for (int j = 0; j < s.size; j++) {
            if (s.target[j] < 0) {
                continue;
            }
            int g = j * dim;
            if (id == 0) {
                for (int label = 0; label < labels; label++) {
                    float a = alpha[j * labels + label];
                    int base = label * dim;
                    for (int d = 0; d < dim; d++) {
                        output[base + d] += a * hidden[g + d];
                    }
                }
            }
            int[] lineRows = rows[s.line[j]];
            int[] own = lineRows;
            int count = lineRows.length;
            if (n > 1) {
                // The owned rows listed first, without a branch per row (whether a row is this
                // thread's is a coin toss to the branch predictor): the fit 4% faster.
                own = scratch.owned(lineRows.length);
                count = 0;
                for (int row : lineRows) {
                    own[count] = row;
                    count += row % n == id ? 1 : 0;
                }
            }
            for (int k = 0; k < count; k++) {
                int row = own[k];
                float[] chunk = input.chunk(row);
                int base = input.offset(row);
                for (int d = 0; d < dim; d++) {
                    chunk[base + d] += grad[g + d];
                }
            }
        }
    }
}
