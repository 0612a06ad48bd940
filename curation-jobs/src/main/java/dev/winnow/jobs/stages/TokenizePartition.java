package dev.winnow.jobs.stages;

import dev.winnow.blending.Gpt2Tokenizer;
import dev.winnow.jobs.docs.Documents;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Set;
import java.util.function.Function;

/**
 * The blend stage's executor side: GPT-2 token ids of every document. Rows out: the document's
 * list columns (text only where rejected), {@code n_tokens}, the outcome, and the ids in
 * {@code _tokens} for the shards (an outcome column: never written with the documents).
 */
final class TokenizePartition extends RowMapPartition {
    static final String N_TOKENS = "n_tokens";
    static final String TOKENS = "_tokens";
    static final String UNWEIGHTED = "unweighted-dataset";
    static final String NO_TOKENS = "no-tokens";

    private final StructType in;
    private final Set<String> weighted;
    private final int id;
    private final int dataset;
    private final int text;

    TokenizePartition(StructType in, Set<String> weighted) {
        this.in = in;
        this.weighted = weighted;
        this.id = in.fieldIndex(Documents.ID);
        this.dataset = in.fieldIndex(Documents.DATASET);
        this.text = in.fieldIndex(Documents.TEXT);
    }

    /** The input columns (text kept for rejected rows only), n_tokens, the outcome and the ids. */
    static StructType schema(StructType in) {
        return Documents.withOutcome(in.add(N_TOKENS, DataTypes.IntegerType, false))
                .add(TOKENS, DataTypes.createArrayType(DataTypes.IntegerType, false), true);
    }

    @Override
    Function<Row, Row> mapper() {
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.shared();
        return row -> {
            Object[] values = valuesWithRoomFor(row, 4);
            int n = in.size();
            String ds = row.getString(dataset);
            if (!weighted.contains(ds)) {
                values[n] = 0;
                values[n + 1] = UNWEIGHTED;
                values[n + 2] = "dataset " + ds + " has no weight in the blend (blend.unweighted = drop)";
                return RowFactory.create(values);
            }
            int[] ids = row.isNullAt(text) ? new int[0] : tokenizer.encode(row.getString(text));
            values[n] = ids.length;
            if (ids.length == 0) {
                values[n + 1] = NO_TOKENS;
                values[n + 2] = "the text of " + row.getString(id) + " has no tokens";
                return RowFactory.create(values);
            }
            // Kept: the ids travel in _tokens; the text is not copied into the blend's document list.
            values[text] = null;
            values[n + 3] = scala.collection.immutable.ArraySeq.unsafeWrapArray(ids);
            return RowFactory.create(values);
        };
    }
}
