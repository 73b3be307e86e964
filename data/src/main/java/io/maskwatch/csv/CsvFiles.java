package io.maskwatch.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The project's one way to read and write CSV (RFC 4180 via commons-csv): quoted fields may hold commas,
 * quotes and line breaks. Used by the makesense.ai reader, the masks manifest and the training loader.
 */
public final class CsvFiles {

    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    /** One record of a file: its fields and the line it ends on (for messages that name file:line). */
    public record Row(long line, List<String> fields) {
        public Row {
            fields = List.copyOf(fields);
        }

        public String get(int i) {
            return fields.get(i);
        }

        public int size() {
            return fields.size();
        }
    }

    private CsvFiles() {
    }

    /** Every record of a UTF-8 file (a byte-order mark is dropped, blank lines are skipped), header included. */
    public static List<Row> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** Every record read from {@code in} (which the caller closes); {@code source} names it in errors. */
    public static List<Row> read(Reader in, String source) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(READ).get()) {
            List<Row> rows = new ArrayList<>();
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException e) {
                    throw new IOException(source + ":" + (parser.getCurrentLineNumber() + 1) + ": " + e.getCause().getMessage(), e);
                }
                List<String> fields = new ArrayList<>(r.toList());
                if (rows.isEmpty() && !fields.isEmpty() && fields.get(0).startsWith("\uFEFF")) {
                    fields.set(0, fields.get(0).substring(1));
                }
                rows.add(new Row(parser.getCurrentLineNumber(), fields));
            }
            return rows;
        }
    }

    /** One CSV line (no line break at the end), fields quoted where needed; {@code null} is the empty field. */
    public static String line(Object... fields) {
        return WRITE.format(fields);
    }
}
