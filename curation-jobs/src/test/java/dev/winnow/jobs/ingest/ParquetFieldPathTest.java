package dev.winnow.jobs.ingest;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParquetFieldPathTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message doc {"
            + " optional binary text (STRING); optional int64 id;"
            + " optional group meta { optional binary url (STRING); optional binary lang (STRING);"
            + "   optional group src { optional binary url (STRING); optional int32 n; } }"
            + " repeated binary tags (STRING); optional binary warc.url (STRING);"
            + " optional group list (LIST) { repeated group list { optional binary element (STRING); } } }");

    @Test
    void pathsLeadThroughSingleGroupsToOneColumn() {
        assertTrue(new ParquetFieldPath("text").isString(SCHEMA));
        assertTrue(new ParquetFieldPath("meta.src.url").isString(SCHEMA));
        assertFalse(new ParquetFieldPath("id").isString(SCHEMA));
        assertEquals("id", new ParquetFieldPath("id").column(SCHEMA).getName());
        assertNull(new ParquetFieldPath("meta").column(SCHEMA), "a group is not a column");
        assertNull(new ParquetFieldPath("meta.nope").column(SCHEMA));
        assertNull(new ParquetFieldPath("text.more").column(SCHEMA), "a column has no fields");
        assertNull(new ParquetFieldPath("tags").column(SCHEMA), "repeated: one document, many values");
        assertNull(new ParquetFieldPath("list.list.element").column(SCHEMA), "through a repeated group");
        assertTrue(new ParquetFieldPath("`warc.url`").isString(SCHEMA), "a column whose name holds a dot");
        assertNull(new ParquetFieldPath("warc.url").column(SCHEMA), "as a path: no group warc");
    }

    @Test
    void theProjectionKeepsOnlyThePathsAndTheGroupsOnTheWay() {
        MessageType projected = ParquetFieldPath.project(SCHEMA, List.of(new ParquetFieldPath("meta.src.url"),
                new ParquetFieldPath("text"), new ParquetFieldPath("meta.url")));
        assertEquals(MessageTypeParser.parseMessageType("message doc { optional binary text (STRING);"
                + " optional group meta { optional binary url (STRING); optional group src { optional binary url (STRING); } } }"),
                projected);
    }
}
