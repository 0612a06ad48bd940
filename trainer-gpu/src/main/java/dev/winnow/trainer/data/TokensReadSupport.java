package dev.winnow.trainer.data;

import dev.winnow.blending.BlendManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.util.Map;

/**
 * Reads only the {@code tokens} column of a blend shard (Spark's three-level list
 * {@code tokens (LIST) { repeated group list { required int32 element } }}) straight into a reused
 * {@link TokenRow}: no Group objects, no boxing, no {@code doc_id} decoding.
 */
final class TokensReadSupport extends ReadSupport<TokenRow> {
    private final String shard;

    TokensReadSupport(String shard) {
        this.shard = shard;
    }

    @Override
    public ReadContext init(InitContext context) {
        MessageType file = context.getFileSchema();
        if (!file.containsField(BlendManifest.TOKENS) || !isIntList(file.getType(BlendManifest.TOKENS))) {
            throw new BlendException("shard " + shard + ": no column '" + BlendManifest.TOKENS
                    + "' of type list<int32> in schema " + file);
        }
        return new ReadContext(new MessageType(file.getName(), file.getType(BlendManifest.TOKENS)));
    }

    private static boolean isIntList(Type tokens) {
        if (tokens.isPrimitive() || !(tokens.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)) {
            return false;
        }
        GroupType list = tokens.asGroupType();
        if (list.getFieldCount() != 1 || list.getType(0).isPrimitive()
                || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            return false;
        }
        GroupType repeated = list.getType(0).asGroupType();
        return repeated.getFieldCount() == 1 && repeated.getType(0).isPrimitive()
                && repeated.getType(0).asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32;
    }

    @Override
    public RecordMaterializer<TokenRow> prepareForRead(Configuration conf, Map<String, String> metadata,
                                                       MessageType fileSchema, ReadContext context) {
        return new Materializer();
    }

    /** root → tokens (LIST) → list (repeated) → element (int32). */
    private static final class Materializer extends RecordMaterializer<TokenRow> {
        private final TokenRow row = new TokenRow();
        private final PrimitiveConverter element = new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                row.add(value);
            }
        };
        private final GroupConverter repeated = passThrough(element);
        private final GroupConverter list = passThrough(repeated);
        private final GroupConverter root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return list;
            }

            @Override
            public void start() {
                row.clear();
            }

            @Override
            public void end() {
            }
        };

        private static GroupConverter passThrough(Converter child) {
            return new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return child;
                }

                @Override
                public void start() {
                }

                @Override
                public void end() {
                }
            };
        }

        @Override
        public TokenRow getCurrentRecord() {
            return row;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
