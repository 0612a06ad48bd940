package dev.winnow.jobs.ingest;

import dev.winnow.jobs.config.FieldPath;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * A configured field of a Parquet source: a column name, or a dotted path into nested groups
 * ({@code meta.url}), as the JSON Lines reader takes it. Only single (not repeated) groups and
 * columns can be on a path: a document has one text, one id and one url.
 */
final class ParquetFieldPath {
    private final String name;
    private final String[] steps;

    ParquetFieldPath(String name) {
        this.name = name;
        this.steps = FieldPath.steps(name).toArray(String[]::new);
    }

    String name() {
        return name;
    }

    /** The column at the path, or null when a step is missing, repeated, or the path ends at a group. */
    PrimitiveType column(MessageType schema) {
        GroupType group = schema;
        for (int i = 0; i < steps.length; i++) {
            if (!group.containsField(steps[i])) {
                return null;
            }
            Type t = group.getType(steps[i]);
            if (t.isRepetition(Type.Repetition.REPEATED)) {
                return null;
            }
            if (i == steps.length - 1) {
                return t.isPrimitive() ? t.asPrimitiveType() : null;
            }
            if (t.isPrimitive()) {
                return null;
            }
            group = t.asGroupType();
        }
        return null;
    }

    /** Whether the path leads to a string column (BINARY). */
    boolean isString(MessageType schema) {
        PrimitiveType c = column(schema);
        return c != null && c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY;
    }

    /** The groups of a row on the way to the column, ending at the one that holds it; null when one is null. */
    private Group holder(Group row) {
        Group g = row;
        for (int i = 0; i < steps.length - 1; i++) {
            if (g.getFieldRepetitionCount(steps[i]) == 0) {
                return null;
            }
            g = g.getGroup(steps[i], 0);
        }
        return g.getFieldRepetitionCount(steps[steps.length - 1]) == 0 ? null : g;
    }

    /** The row's bytes at the path (a BINARY column), or null when it or a group on the way is null. */
    byte[] bytes(Group row) {
        Group g = holder(row);
        return g == null ? null : g.getBinary(steps[steps.length - 1], 0).getBytes();
    }

    /** The row's value at the path as text (numbers as Parquet's own string form), or null. */
    String text(Group row) {
        Group g = holder(row);
        return g == null ? null : g.getValueToString(g.getType().getFieldIndex(steps[steps.length - 1]), 0);
    }

    /** The schema with only the columns at these paths (each present) and the groups that lead to them. */
    static MessageType project(MessageType schema, List<ParquetFieldPath> paths) {
        List<String[]> all = new ArrayList<>();
        for (ParquetFieldPath p : paths) {
            all.add(p.steps);
        }
        return new MessageType(schema.getName(), projectFields(schema, all, 0));
    }

    /** The fields of {@code group}, in its order, that a path names at {@code level}, each cut to what the paths need. */
    private static List<Type> projectFields(GroupType group, List<String[]> paths, int level) {
        List<Type> out = new ArrayList<>();
        for (Type field : group.getFields()) {
            List<String[]> through = new ArrayList<>();
            boolean whole = false;
            for (String[] p : paths) {
                if (p.length > level && p[level].equals(field.getName())) {
                    if (p.length == level + 1) {
                        whole = true;
                    } else {
                        through.add(p);
                    }
                }
            }
            if (whole) {
                out.add(field);
            } else if (!through.isEmpty() && !field.isPrimitive()) {
                out.add(field.asGroupType().withNewFields(projectFields(field.asGroupType(), through, level + 1)));
            }
        }
        return out;
    }
}
