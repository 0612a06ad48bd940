package dev.winnow.dedup.decontam;

/**
 * One example of a downstream task set: the text a decontaminator indexes (context, question and
 * answer options together), the task it belongs to and its id there.
 */
public record TaskExample(String task, String id, String text) {
    public TaskExample {
        if (task == null || task.isEmpty()) {
            throw new IllegalArgumentException("a task example needs a task name (example " + id + ")");
        }
        if (text == null) {
            throw new IllegalArgumentException("task example " + task + "/" + id + " has no text");
        }
    }
}
