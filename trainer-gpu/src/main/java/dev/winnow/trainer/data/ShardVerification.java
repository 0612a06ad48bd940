package dev.winnow.trainer.data;

/** When shard files are checked against the manifest's SHA-256. */
public enum ShardVerification {
    /** Hash every shard when the blend is opened: a bad shard fails before any work. */
    UP_FRONT,
    /** Hash each shard just before it is streamed (once per token-store build). */
    LAZY
}
