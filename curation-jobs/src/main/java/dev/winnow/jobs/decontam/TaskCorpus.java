package dev.winnow.jobs.decontam;

import dev.winnow.dedup.decontam.DecontaminationParams;
import dev.winnow.dedup.decontam.TaskExample;
import dev.winnow.dedup.decontam.TaskNgramIndex;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The task examples and the rule, as the driver read them: broadcast to the executors as bytes
 * ({@link #toBytes}; Java serialization, whatever {@code spark.serializer} is, since Kryo cannot
 * rebuild records), each of which builds the {@link TaskNgramIndex} once per JVM
 * ({@link #index(String, Supplier)}) instead of once per task. The fingerprint (SHA-256 of the rule
 * and every example) keys that cache and the stage's config hash, so a changed task file reruns
 * the stage.
 */
public final class TaskCorpus implements Serializable {
    private static final Map<String, TaskNgramIndex> INDEXES = new ConcurrentHashMap<>();

    private final String[] tasks;
    private final int[] taskOf;
    private final String[] ids;
    private final String[] texts;
    private final DecontaminationParams params;
    private final String fingerprint;

    public TaskCorpus(List<TaskExample> examples, DecontaminationParams params) {
        List<String> names = new ArrayList<>();
        taskOf = new int[examples.size()];
        ids = new String[examples.size()];
        texts = new String[examples.size()];
        MessageDigest sha = sha256();
        sha.update(params.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < examples.size(); i++) {
            TaskExample e = examples.get(i);
            int t = names.indexOf(e.task());
            if (t < 0) {
                t = names.size();
                names.add(e.task());
            }
            taskOf[i] = t;
            ids[i] = e.id();
            texts[i] = e.text();
            for (String s : new String[] {e.task(), e.id(), e.text()}) {
                sha.update(s.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
        }
        tasks = names.toArray(new String[0]);
        this.params = params;
        fingerprint = HexFormat.of().formatHex(sha.digest());
    }

    public String fingerprint() {
        return fingerprint;
    }

    public DecontaminationParams params() {
        return params;
    }

    public int size() {
        return texts.length;
    }

    /** The index of these examples, built on first use in this JVM and shared by its threads. */
    public TaskNgramIndex index() {
        return index(fingerprint, () -> this);
    }

    /** The index with this fingerprint, built from {@code corpus} if this JVM has none yet. */
    public static TaskNgramIndex index(String fingerprint, Supplier<TaskCorpus> corpus) {
        TaskNgramIndex index = INDEXES.get(fingerprint);
        if (index != null) {
            return index;
        }
        synchronized (INDEXES) {
            index = INDEXES.get(fingerprint);
            if (index == null) {
                index = corpus.get().build();
                // One configuration's index at a time: a JVM that runs another drops the old one.
                INDEXES.clear();
                INDEXES.put(fingerprint, index);
            }
            return index;
        }
    }

    private TaskNgramIndex build() {
        List<TaskExample> examples = new ArrayList<>(texts.length);
        for (int i = 0; i < texts.length; i++) {
            examples.add(new TaskExample(tasks[taskOf[i]], ids[i], texts[i]));
        }
        return TaskNgramIndex.build(examples, params);
    }

    public byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static TaskCorpus fromBytes(byte[] bytes) {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return (TaskCorpus) in.readObject();
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the broadcast task examples", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
