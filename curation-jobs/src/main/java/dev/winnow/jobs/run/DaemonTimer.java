package dev.winnow.jobs.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A one-thread scheduler whose thread never keeps the JVM alive: for heartbeats and watch lines beside a run. */
final class DaemonTimer {
    private DaemonTimer() {
    }

    static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
