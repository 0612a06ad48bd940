package dev.winnow.jobs.dedup;

/** Column names of the dedup stages' working tables (never written to the document table). */
public final class Columns {
    /** A document's number within the stage: its position in the input (partition, row). */
    public static final String NODE = "_node";
    public static final String KEYS = "_keys";
    public static final String BAND = "_band";
    public static final String KEY = "_key";
    public static final String SRC = "_src";
    public static final String DST = "_dst";
    /** The group a document belongs to: a text hash (exact) or a component's least node (fuzzy). */
    public static final String GROUP = "_group";
    public static final String PRIORITY = "_priority";
    public static final String SHINGLES = "_shingles";
    /**
     * A number fixed by the document itself (the stage uses a hash of its id) from which fuzzy
     * dedup draws bucket centres; not the node, which changes when the input is split otherwise.
     */
    public static final String DRAW = "_draw";
    /** A document's number of distinct shingles. */
    public static final String SIZE = "_n_shingles";

    private Columns() {
    }
}
