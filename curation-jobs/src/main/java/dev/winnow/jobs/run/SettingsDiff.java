package dev.winnow.jobs.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** The keys whose values differ between a committed stage's recorded settings and today's, one line each. */
public final class SettingsDiff {
    /** Values longer than this are cut, so that a changed blend spec stays one readable line. */
    static final int MAX_VALUE_CHARS = 80;
    static final String UNSET = "(unset)";

    private SettingsDiff() {
    }

    /** {@code key: old → new} for each key that differs, sorted by key; {@link #UNSET} for a side without it. */
    public static List<String> lines(Map<String, String> before, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            String a = before.get(key);
            String b = now.get(key);
            if (!Objects.equals(a, b)) {
                out.add(key + ": " + shown(a) + " → " + shown(b));
            }
        }
        return out;
    }

    private static String shown(String value) {
        if (value == null) {
            return UNSET;
        }
        String oneLine = value.replace('\n', ' ');
        return oneLine.length() <= MAX_VALUE_CHARS ? oneLine : oneLine.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }
}
