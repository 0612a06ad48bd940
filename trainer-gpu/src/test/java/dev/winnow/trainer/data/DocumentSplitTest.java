package dev.winnow.trainer.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentSplitTest {
    /** Document {@code d} has {@code d + 1} tokens, so a length names its document. */
    private static final DocumentLengths HUNDRED = new DocumentLengths() {
        @Override
        public int documents() {
            return 100;
        }

        @Override
        public int length(int document) {
            return document + 1;
        }
    };

    private static Set<Integer> storeDocuments(DocumentLengths side) {
        Set<Integer> out = new HashSet<>();
        for (int j = 0; j < side.documents(); j++) {
            int d = ((DocumentSubset) side).storeDocument(j);
            assertEquals(d + 1, side.length(j), "a subset document has its store document's length");
            out.add(d);
        }
        return out;
    }

    @Test
    void sidesArePartitionOfTheDocumentsWithTheRoundedCountHeldOut() {
        Set<Integer> train = storeDocuments(DocumentSplit.train(0.1).select(HUNDRED, "web"));
        Set<Integer> val = storeDocuments(DocumentSplit.validation(0.1).select(HUNDRED, "web"));
        assertEquals(10, val.size());
        assertEquals(90, train.size());
        Set<Integer> union = new HashSet<>(train);
        union.addAll(val);
        assertEquals(100, union.size(), "together the sides hold every document once");
    }

    @Test
    void heldOutDocumentsDependOnTheDatasetNameAndGrowWithTheFraction() {
        Set<Integer> small = storeDocuments(DocumentSplit.validation(0.05).select(HUNDRED, "web"));
        Set<Integer> large = storeDocuments(DocumentSplit.validation(0.2).select(HUNDRED, "web"));
        assertTrue(large.containsAll(small), "a larger fraction holds out a superset");
        assertEquals(small, storeDocuments(DocumentSplit.validation(0.05).select(HUNDRED, "web")));
        assertTrue(!small.equals(storeDocuments(DocumentSplit.validation(0.05).select(HUNDRED, "books"))),
                "another dataset holds out other documents");
    }

    @Test
    void oneDocumentAlwaysStaysForTraining() {
        assertEquals(0, DocumentSplit.heldOut(1, 0.5));
        assertEquals(3, DocumentSplit.heldOut(4, 0.9));
        assertEquals(0, DocumentSplit.heldOut(4, 0.1), "round(0.4) = 0");
        assertEquals(0, DocumentSplit.heldOut(0, 0.5));
    }

    @Test
    void allIsTheDatasetItselfAndFractionsAreChecked() {
        assertSame(HUNDRED, DocumentSplit.ALL.select(HUNDRED, "web"));
        assertThrows(IllegalArgumentException.class, () -> DocumentSplit.train(0));
        assertThrows(IllegalArgumentException.class, () -> DocumentSplit.validation(1));
        assertThrows(IllegalArgumentException.class, () -> DocumentSplit.validation(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new DocumentSplit(DocumentSplit.Part.ALL, 0.1));
    }
}
