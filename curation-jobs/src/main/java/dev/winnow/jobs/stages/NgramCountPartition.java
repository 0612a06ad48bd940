package dev.winnow.jobs.stages;

import dev.winnow.dedup.decontam.NgramDocumentCounter;
import dev.winnow.jobs.decontam.TaskCorpus;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The decontaminate stage's counting pass over one partition of texts: (n-gram hash, documents
 * of this partition holding it), one row per task n-gram found. Summed over partitions by Spark.
 */
final class NgramCountPartition implements MapPartitionsFunction<Row, Row> {
    static final String KEY = "key";
    static final String DOCUMENTS = "documents";
    static final StructType SCHEMA = new StructType()
            .add(KEY, DataTypes.LongType, false)
            .add(DOCUMENTS, DataTypes.LongType, false);

    private final Broadcast<byte[]> corpus;
    private final String fingerprint;

    NgramCountPartition(Broadcast<byte[]> corpus, String fingerprint) {
        this.corpus = corpus;
        this.fingerprint = fingerprint;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> texts) {
        NgramDocumentCounter counter = new NgramDocumentCounter(TaskCorpus.index(fingerprint, () -> TaskCorpus.fromBytes(corpus.value())));
        while (texts.hasNext()) {
            Row r = texts.next();
            counter.add(r.isNullAt(0) ? "" : r.getString(0));
        }
        List<Row> out = new ArrayList<>();
        counter.forEach((key, documents) -> out.add(RowFactory.create(key, documents)));
        return out.iterator();
    }
}
