package dev.winnow.jobs.stages;

import dev.winnow.dedup.decontam.CutOutcome;
import dev.winnow.dedup.decontam.Decontaminator;
import dev.winnow.dedup.decontam.TaskNgramIndex;
import dev.winnow.jobs.decontam.Contamination;
import dev.winnow.jobs.decontam.TaskCorpus;
import dev.winnow.jobs.docs.Documents;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The decontaminate stage's cutting pass over one partition. A document without task n-grams is
 * one kept row, as it came. A cut document becomes its pieces, {@code <id>#<k>} (k numbers the
 * pieces in text order): kept ones with the piece as text, short ones rejected; a document dropped
 * whole is one rejected row. The first row of a document counts it ({@code _unit} 1, the others 0)
 * and carries its {@code _contamination} record.
 */
final class DecontaminationPartition implements MapPartitionsFunction<Row, Row> {
    static final String REASON_PREFIX = "contaminated:";

    private final Broadcast<byte[]> corpus;
    private final String fingerprint;
    private final long[] frequent;
    private final int id;
    private final int dataset;
    private final int text;
    private final int nChars;
    private final int width;

    DecontaminationPartition(Broadcast<byte[]> corpus, String fingerprint, long[] frequent, StructType input) {
        this.corpus = corpus;
        this.fingerprint = fingerprint;
        this.frequent = frequent;
        this.id = input.fieldIndex(Documents.ID);
        this.dataset = input.fieldIndex(Documents.DATASET);
        this.text = input.fieldIndex(Documents.TEXT);
        this.nChars = java.util.Arrays.asList(input.fieldNames()).contains(Documents.N_CHARS)
                ? input.fieldIndex(Documents.N_CHARS) : -1;
        this.width = input.size();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Decontaminator decontaminator = new Decontaminator(TaskCorpus.index(fingerprint, () -> TaskCorpus.fromBytes(corpus.value())), frequent);
        return new Iterator<>() {
            private Iterator<Row> pending = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!pending.hasNext() && rows.hasNext()) {
                    pending = outcomes(rows.next(), decontaminator).iterator();
                }
                return pending.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.next();
            }
        };
    }

    private List<Row> outcomes(Row row, Decontaminator d) {
        String body = row.isNullAt(text) ? "" : row.getString(text);
        CutOutcome cut = d.apply(body);
        if (cut == null) {
            return List.of(outcome(row, null, null, null, null, 1, null));
        }
        TaskNgramIndex index = d.index();
        Row record = Contamination.row(row.getString(id), row.getString(dataset), d.words(), d.matches(), cut, index);
        if (cut.droppedWhole()) {
            String why = cut.dropReason() == CutOutcome.DropReason.TOO_MANY_PIECES
                    ? String.format(Locale.ROOT, "%d pieces left after cutting, more than max-pieces %d",
                    cut.pieces().stream().filter(CutOutcome.Piece::kept).count(), index.params().maxPieces())
                    : String.format(Locale.ROOT, "no piece of %d characters or more left after cutting",
                    index.params().minPieceChars());
            return List.of(outcome(row, null, null, REASON_PREFIX + index.tasks().get(cut.primaryTask()),
                    why + "; " + summary(record), 1, record));
        }
        List<Row> out = new ArrayList<>(cut.pieces().size());
        boolean counted = false;
        for (CutOutcome.Piece p : cut.pieces()) {
            String piece = body.substring(p.start(), p.end());
            String pieceId = row.getString(id) + "#" + p.number();
            if (p.kept()) {
                out.add(outcome(row, pieceId, piece, null, null, counted ? 0 : 1, counted ? null : record));
                counted = true;
            } else {
                out.add(outcome(row, pieceId, piece, REASON_PREFIX + index.tasks().get(p.task()),
                        String.format(Locale.ROOT, "piece %d (characters %d-%d of the document) has %d characters "
                                + "after cutting, fewer than min-piece-chars %d", p.number(), p.start(), p.end(),
                                p.codePoints(), index.params().minPieceChars()), 0, null));
            }
        }
        return out;
    }

    private static String summary(Row record) {
        return record.getInt(Contamination.SCHEMA.fieldIndex(Contamination.MATCH_COUNT)) + " task n-gram matches "
                + record.getJavaMap(Contamination.SCHEMA.fieldIndex(Contamination.MATCHES_BY_TASK));
    }

    private Row outcome(Row row, String newId, String newText, String reason, String detail, int unit, Row record) {
        Object[] values = new Object[width + 4];
        for (int i = 0; i < width; i++) {
            values[i] = row.get(i);
        }
        if (newId != null) {
            values[id] = newId;
            values[text] = newText;
            if (nChars >= 0) {
                values[nChars] = newText.codePointCount(0, newText.length());
            }
        }
        values[width] = reason;
        values[width + 1] = detail;
        values[width + 2] = unit;
        values[width + 3] = record;
        return RowFactory.create(values);
    }
}
