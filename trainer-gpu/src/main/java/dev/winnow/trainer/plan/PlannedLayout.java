package dev.winnow.trainer.plan;

/** A layout with its predicted memory per GPU and iteration time. */
public record PlannedLayout(Layout layout, MemoryEstimate memory, IterationTime time) {}
