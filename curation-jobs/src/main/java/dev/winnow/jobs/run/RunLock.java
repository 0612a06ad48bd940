package dev.winnow.jobs.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One run at a time in a run folder. {@code _RUNNING.json} names the run that holds it
 * (application id, host, process id); the holder rewrites it every {@code heartbeat}, so its
 * modification time says the run is alive. Without the lock, a second run (a scheduler's retry
 * while the first still runs) would clear the first's pending folders and race its renames.
 *
 * <p>A lock is taken over, not obeyed, when its holder is certainly gone: the same Spark
 * application (YARN's next attempt of a driver that died), a process on this host that no longer
 * exists, or no heartbeat for {@code stale}. Created only if absent, atomically where the file
 * system can ({@link LockFile}), so of two runs starting together one wins.
 *
 * <p>Each heartbeat also writes what the run is doing ({@link RunActivity}: its stage and Spark's
 * active stages), which {@code winnow status} reads.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE_NAME = "_RUNNING.json";
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** Ten missed heartbeats: longer than any GC pause or file-system hiccup a live driver survives. */
    public static final Duration STALE = Duration.ofMinutes(5);

    // Unknown fields are read past: the file also holds the activity, and may come from a newer version.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final String ACTIVITY = "activity";

    /** Who holds a run folder. */
    public record Holder(String application, String host, long pid, String started) {
        static Holder ofThisProcess(String application) {
            return new Holder(application, hostName(), ProcessHandle.current().pid(), Instant.now().toString());
        }

        public String describe() {
            return "application " + application + " (host " + host + ", pid " + pid + ", started " + started + ")";
        }
    }

    private final LockFile file;
    private final Holder holder;
    private final ScheduledExecutorService beats;
    private volatile Supplier<RunActivity> activity = () -> null;

    private RunLock(LockFile file, Holder holder, Duration heartbeat) {
        this.file = file;
        this.holder = holder;
        this.beats = DaemonTimer.named("winnow-run-lock");
        beats.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static RunLock acquire(RunLayout layout, String application) {
        return acquire(layout, application, HEARTBEAT, STALE);
    }

    /** Takes the run folder for {@code application}, or fails with {@link RunFolderInUseError} naming the holder. */
    public static RunLock acquire(RunLayout layout, String application, Duration heartbeat, Duration stale) {
        Holder me = Holder.ofThisProcess(application);
        try {
            layout.fs().mkdirs(layout.root());
            LockFile file = lockFile(layout);
            for (int attempt = 0; attempt < 2; attempt++) {
                if (file.createNew(JSON.writeValueAsBytes(me))) {
                    // Read back: where create is not atomic (an object store), a run that wrote after us has it.
                    Optional<Held> mine = read(file);
                    if (mine.isPresent() && mine.get().holder.equals(me)) {
                        return new RunLock(file, me, heartbeat);
                    }
                    throw inUse(layout, file, mine.orElse(null), stale);
                }
                Optional<Held> held = read(file);
                if (held.isEmpty()) {
                    continue; // released between our create and read: try again
                }
                String why = takeOverReason(held.get(), me, stale);
                if (why == null) {
                    throw inUse(layout, file, held.get(), stale);
                }
                System.err.println("winnow: taking over run folder " + layout.root() + " from "
                        + held.get().holder.describe() + ": " + why);
                file.delete();
            }
            throw new RunFolderInUseError("run folder " + layout.root() + " was taken by another run while this one "
                    + "started; see " + file.where());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock run folder " + layout.root(), e);
        }
    }

    private static RunFolderInUseError inUse(RunLayout layout, LockFile file, Held held, Duration stale) {
        String by = held == null ? "another run" : held.holder.describe() + ", last heartbeat "
                + Duration.between(held.heartbeat, Instant.now()).toSeconds() + " s ago";
        return new RunFolderInUseError("run folder " + layout.root() + " is in use by " + by + ". Wait for it to "
                + "finish; a run that died frees the folder " + stale.toMinutes() + " min after its last heartbeat, "
                + "or delete " + file.where() + " if you are sure it is gone.");
    }

    private static LockFile lockFile(RunLayout layout) {
        return LockFile.of(layout.fs(), new Path(layout.root(), FILE_NAME));
    }

    /** Who holds the run folder now, if anyone (for a dry run's warning). */
    public static Optional<Holder> holder(RunLayout layout) {
        try {
            return held(layout).map(Held::holder);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Why a held lock may be taken over, or null when its holder may still be running. */
    static String takeOverReason(Held held, Holder me, Duration stale) {
        Holder h = held.holder;
        if (h.application.equals(me.application)) {
            return "the same application (a new attempt of it)";
        }
        if (h.host.equals(me.host) && ProcessHandle.of(h.pid).map(p -> !p.isAlive()).orElse(true)) {
            return "its process " + h.pid + " on this host is gone";
        }
        Duration since = Duration.between(held.heartbeat, Instant.now());
        if (since.compareTo(stale) > 0) {
            return "no heartbeat for " + since.toSeconds() + " s";
        }
        return null;
    }

    /**
     * A lock as found: its holder, the file's modification time (the last heartbeat), and what
     * the run was doing then (null when the lock says nothing of it).
     */
    public record Held(Holder holder, Instant heartbeat, RunActivity activity) {
    }

    /** What the holder writes: its own fields and, from the first heartbeat on, its activity. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Written(@JsonUnwrapped Holder holder, RunActivity activity) {
    }

    /** From now on each heartbeat writes what {@code source} says the run is doing. */
    public void reportActivity(Supplier<RunActivity> source) {
        this.activity = source;
    }

    /** The lock as found in the run folder, if there is one (for {@code winnow status}). */
    public static Optional<Held> held(RunLayout layout) {
        try {
            return read(lockFile(layout));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock of run folder " + layout.root(), e);
        }
    }

    /** Why a run starting now, here, would take {@code held} over; null while its holder may be running. */
    public static String takeOverReason(Held held) {
        return takeOverReason(held, Holder.ofThisProcess("a run starting now"), STALE);
    }

    private static Optional<Held> read(LockFile file) throws IOException {
        Optional<LockFile.Contents> contents = file.read();
        if (contents.isEmpty()) {
            return Optional.empty();
        }
        Holder h;
        RunActivity a = null;
        try {
            JsonNode tree = JSON.readTree(contents.get().bytes());
            h = JSON.treeToValue(tree, Holder.class);
            if (h == null || h.application() == null || h.host() == null) {
                throw new IllegalArgumentException("no holder in the lock file");
            }
            if (tree.hasNonNull(ACTIVITY)) {
                a = activityOf(tree.get(ACTIVITY));
            }
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
            // Half-written, or written past Hadoop: held, by nobody known, until it goes stale.
            h = new Holder("unreadable lock file", "?", -1, "?");
        }
        return Optional.of(new Held(h, contents.get().modified(), a));
    }

    /** The activity, or null when it is not one: a holder is still known without it. */
    private static RunActivity activityOf(JsonNode node) {
        try {
            return JSON.treeToValue(node, RunActivity.class);
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Rewrites the file (its modification time is the heartbeat), unless another run took it over meanwhile. */
    private void beat() {
        try {
            Optional<Held> now = read(file);
            if (now.isEmpty() || !now.get().holder.equals(holder)) {
                System.err.println("winnow: lost run folder lock " + file.where() + " to "
                        + now.map(h -> h.holder.describe()).orElse("nobody (the file is gone)"));
                beats.shutdown();
                return;
            }
            file.rewrite(JSON.writeValueAsBytes(new Written(holder, currentActivity())));
        } catch (IOException | RuntimeException e) {
            System.err.println("winnow: run folder heartbeat failed (" + e.getMessage() + "); will try again");
        }
    }

    /** What the run is doing, or null: a failed status read must not stop the heartbeat. */
    private RunActivity currentActivity() {
        try {
            return activity.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Stops the heartbeat and deletes the lock if it is still this run's. */
    @Override
    public void close() {
        beats.shutdownNow();
        try {
            beats.awaitTermination(10, TimeUnit.SECONDS);
            Optional<Held> now = read(file);
            if (now.isPresent() && now.get().holder.equals(holder)) {
                file.delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release run folder lock " + file.where(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
