package dev.winnow.trainer.cli;

import dev.winnow.blending.Gpt2Tokenizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InspectCommandTest {
    @Test
    void decodesDocumentsWithTheEndOfDocumentTokenShownAsText() {
        Gpt2Tokenizer gpt2 = Gpt2Tokenizer.shared();
        int[] a = gpt2.encode("Hello world.");
        int[] b = gpt2.encode(" Next one");
        int[] ids = new int[a.length + 1 + b.length];
        System.arraycopy(a, 0, ids, 0, a.length);
        ids[a.length] = Gpt2Tokenizer.END_OF_DOCUMENT;
        System.arraycopy(b, 0, ids, a.length + 1, b.length);
        assertEquals("Hello world.<|endoftext|> Next one", InspectCommand.decode(ids, Gpt2Tokenizer.END_OF_DOCUMENT));
    }
}
