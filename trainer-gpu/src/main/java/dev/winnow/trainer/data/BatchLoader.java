package dev.winnow.trainer.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One rank's steps, read ahead by a background thread into a bounded queue so that the trainer
 * does not wait on the page cache; the queue bound keeps at most {@code prefetchSteps} steps in
 * heap. Starts from a consumed-sample count (0, or the one a checkpoint saved). A failure in the
 * reader thread is rethrown by {@link #next()}. Close it to stop the thread.
 */
public final class BatchLoader implements Iterator<StepBatch>, AutoCloseable {
    /** Queue element: a step, the end, or the reader's failure. */
    private record Item(StepBatch batch, RuntimeException failure) {
    }

    private static final Item END = new Item(null, null);

    private final BlockingQueue<Item> queue;
    private final Thread reader;
    private Item head;

    public BatchLoader(BlendedSamples blend, DataParallelSampler sampler, long consumedSamples, boolean lossMask,
                       int prefetchSteps) {
        queue = new ArrayBlockingQueue<>(prefetchSteps);
        reader = new Thread(() -> produce(blend, sampler, consumedSamples, lossMask), "batch-loader-rank-" + sampler.rank());
        reader.setDaemon(true);
        reader.start();
    }

    private void produce(BlendedSamples blend, DataParallelSampler sampler, long consumed, boolean lossMask) {
        try {
            try {
                for (DataParallelSampler.Step step; (step = sampler.step(consumed)) != null; consumed = step.consumedAfter()) {
                    List<MicroBatch> micro = new ArrayList<>(step.microBatches().length);
                    for (long[] ids : step.microBatches()) {
                        micro.add(MicroBatch.read(blend, ids, lossMask));
                    }
                    queue.put(new Item(new StepBatch(step.consumedSamples(), step.globalBatchSize(), micro), null));
                }
                queue.put(END);
            } catch (RuntimeException e) {
                queue.put(new Item(null, e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: stop reading ahead
        }
    }

    @Override
    public boolean hasNext() {
        if (head == null) {
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
        }
        if (head.failure() != null) {
            throw new IllegalStateException("the batch reader failed: " + head.failure().getMessage(), head.failure());
        }
        return head != END;
    }

    @Override
    public StepBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no global batch fits in the remaining samples");
        }
        StepBatch batch = head.batch();
        head = null;
        return batch;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
