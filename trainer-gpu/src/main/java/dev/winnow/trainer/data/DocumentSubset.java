package dev.winnow.trainer.data;

/**
 * Some of a dataset's documents, renumbered {@code 0..n-1} in their store order; {@link #storeDocument}
 * maps back to the store's numbering, which is what an index records.
 */
public final class DocumentSubset implements DocumentLengths {
    private final DocumentLengths all;
    private final int[] members;

    DocumentSubset(DocumentLengths all, int[] members) {
        this.all = all;
        this.members = members;
    }

    @Override
    public int documents() {
        return members.length;
    }

    @Override
    public int length(int document) {
        return all.length(members[document]);
    }

    /** The store's number of this subset's {@code document}. */
    public int storeDocument(int document) {
        return members[document];
    }
}
