package dev.winnow.dedup.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Text bytes a benchmark handled, reported per second next to its operations (bench/dedup-jmh.sh reads it). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class TextBytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
