package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.LocalInputFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams a blend shard's documents with parquet-hadoop, one row group in memory at a time, and
 * checks them against the contract: token ids in {@code [0, vocabSize)}, non-empty documents, and the
 * manifest's row and token counts. Errors name the shard (its manifest path) and the row.
 */
public final class ShardReader {
    /** Receives each document; {@code row} is reused after the call returns. */
    @FunctionalInterface
    public interface DocumentSink {
        void accept(long rowInShard, TokenRow row);
    }

    /**
     * One configuration for every reader, without Hadoop's default XML resources: the builder
     * constructor without one parses them for every shard (about 30 ms, more than reading a small
     * shard). Shared read-only.
     */
    private static final ParquetConfiguration CONF = new HadoopParquetConfiguration(new Configuration(false));

    private ShardReader() {
    }

    /** Reads the shard (verifying its SHA-256 first when the blend verifies lazily). */
    public static void read(BlendFolder blend, BlendManifest.Shard shard, DocumentSink sink) {
        Path file = blend.shardFile(shard);
        if (blend.verification() == ShardVerification.LAZY) {
            blend.verify(shard);
        }
        int vocab = blend.manifest().vocabSize();
        long rows = 0;
        long tokens = 0;
        try (ParquetReader<TokenRow> reader = parquet(shard, () -> open(file, shard.path()))) {
            for (TokenRow row; (row = parquet(shard, reader::read)) != null; rows++) {
                if (row.length == 0) {
                    throw new BlendException("shard " + shard.path() + ": row " + rows + " has no tokens");
                }
                for (int i = 0; i < row.length; i++) {
                    int id = row.ids[i];
                    if (id < 0 || id >= vocab) {
                        throw new BlendException("shard " + shard.path() + ": row " + rows + " token " + i + " is id "
                                + id + ", outside the vocabulary [0, " + vocab + ")");
                    }
                }
                tokens += row.length;
                sink.accept(rows, row);
            }
        } catch (IOException e) { // from close()
            throw notParquet(shard, e);
        }
        if (rows != shard.rows() || tokens != shard.tokens()) {
            throw new BlendException("shard " + shard.path() + ": holds " + rows + " rows and " + tokens
                    + " tokens, the manifest says " + shard.rows() + " and " + shard.tokens());
        }
    }

    /** A call into parquet-hadoop. */
    private interface ParquetCall<T> {
        T call() throws IOException;
    }

    /**
     * Runs a parquet-hadoop call, reporting its failures (a truncated file, a corrupt page) as the
     * shard's; the sink's own exceptions are not wrapped, they do not pass through here.
     */
    private static <T> T parquet(BlendManifest.Shard shard, ParquetCall<T> call) {
        try {
            return call.call();
        } catch (BlendException e) {
            throw e; // the read support's schema check
        } catch (IOException | RuntimeException e) {
            throw notParquet(shard, e);
        }
    }

    private static BlendException notParquet(BlendManifest.Shard shard, Exception e) {
        return new BlendException("shard " + shard.path() + ": not readable as Parquet (" + e.getMessage() + ")", e);
    }

    private static ParquetReader<TokenRow> open(Path file, String shard) throws IOException {
        LocalInputFile input = new LocalInputFile(file) {
            @Override
            public String toString() { // parquet-hadoop names the file in its errors
                return file.toString();
            }
        };
        return new ParquetReader.Builder<TokenRow>(input, CONF) {
            @Override
            protected ReadSupport<TokenRow> getReadSupport() {
                return new TokensReadSupport(shard);
            }
        }.build();
    }
}
