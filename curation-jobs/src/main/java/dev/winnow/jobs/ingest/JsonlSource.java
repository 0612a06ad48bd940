package dev.winnow.jobs.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.winnow.jobs.config.DatasetSpec;

import java.io.IOException;
import java.io.InputStream;

/** JSON Lines: one object per line; id, text and url fields are configurable. */
final class JsonlSource extends LineRecordSource {
    private final JsonMapper mapper;
    private final DatasetSpec dataset;

    JsonlSource(InputStream stream, IngestSplit split, DatasetSpec dataset, RecordChecks checks) throws IOException {
        super(stream, split, checks);
        this.dataset = dataset;
        int maxString = (int) Math.min(Integer.MAX_VALUE, checks.limits().maxRecordBytes() + 16);
        this.mapper = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactory().setStreamReadConstraints(
                        StreamReadConstraints.builder().maxStringLength(maxString).build()))
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                .build();
    }

    @Override
    SourceRecord parse(byte[] line, int length, String text, String location) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return SourceRecord.rejected(location, Reason.MALFORMED_JSON, e.getOriginalMessage(), text);
        }
        if (node == null || !node.isObject()) {
            return SourceRecord.rejected(location, Reason.MALFORMED_JSON,
                    "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()), text);
        }
        JsonNode t = node.get(dataset.textField());
        if (t == null || t.isNull()) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT,
                    "no '" + dataset.textField() + "' field", text);
        }
        if (!t.isTextual()) {
            return SourceRecord.rejected(location, Reason.MISSING_TEXT,
                    "'" + dataset.textField() + "' is " + t.getNodeType() + ", expected a string", text);
        }
        String body = t.textValue();
        SourceRecord binary = checks.binaryProblem(body, location);
        if (binary != null) {
            return binary;
        }
        return SourceRecord.document(scalar(node.get(dataset.idField())), body, scalar(node.get(dataset.urlField())),
                location);
    }

    private static String scalar(JsonNode n) {
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }
}
