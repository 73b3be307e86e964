package io.maskwatch.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a CSV file, RFC 4180 quoting: fields in double quotes may hold commas, and a doubled
 * quote inside them stands for one quote. Line breaks inside fields are not supported (the readers
 * split files into lines first). Shared by the dataset reader (makesense.ai CSV) and the masks
 * manifest reader/writer and its training loader.
 */
public final class CsvLine {

    private CsvLine() {
    }

    /** A field quoted when it holds a comma, a quote or a line break; {@code null} is the empty field. */
    public static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** The fields of one line, unquoted; an empty line is one empty field. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
