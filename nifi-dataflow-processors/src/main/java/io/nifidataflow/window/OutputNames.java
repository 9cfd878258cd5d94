package io.nifidataflow.window;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the fields a pane record has besides the aggregates. */
final class OutputNames {

    static final String WINDOW_START = "window_start";
    static final String WINDOW_END = "window_end";
    static final String PANE = "pane";
    static final String PANE_INDEX = "pane_index";
    static final String WINDOW_ERROR = "window_error";

    static final Set<String> RESERVED = Set.of(WINDOW_START, WINDOW_END, PANE, PANE_INDEX);

    /** What a field name must look like so that every Record Writer, Avro included, can write it. */
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Pattern SEGMENT = Pattern.compile("/([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");

    private OutputNames() {
    }

    /**
     * The output field of a Group By path: its last field name, so {@code /product_id} gives {@code product_id}
     * and {@code /user/id} gives {@code id}; {@code key_N} when the path names no field.
     */
    static String forGroupByPath(final String path, final int position) {
        final Matcher matcher = SEGMENT.matcher(QUOTED.matcher(path).replaceAll("''"));
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last == null ? "key_" + (position + 1) : last;
    }

    /** Splits Group By at commas outside brackets, parentheses and quotes: RecordPath functions take commas too. */
    static List<String> splitPaths(final String groupBy) {
        final java.util.ArrayList<String> paths = new java.util.ArrayList<>();
        if (groupBy == null || groupBy.isBlank()) {
            return paths;
        }
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < groupBy.length(); i++) {
            final char c = groupBy.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                paths.add(groupBy.substring(start, i).trim());
                start = i + 1;
            }
        }
        paths.add(groupBy.substring(start).trim());
        return paths;
    }
}
