package io.maskwatch.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFilesTest {

    @TempDir
    Path dir;

    @Test
    void quotedCommasQuotesAndLineBreaksSurviveARoundTrip() throws IOException {
        String odd = "a, \"b\"\nc";
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "\uFEFFname,value\n" + CsvFiles.line(odd, 1) + "\n\n" + CsvFiles.line("plain", null) + "\n");
        List<CsvFiles.Row> rows = CsvFiles.read(f);
        assertEquals(3, rows.size());
        assertEquals(List.of("name", "value"), rows.get(0).fields(), "byte-order mark dropped");
        assertEquals(List.of(odd, "1"), rows.get(1).fields());
        assertEquals(List.of("plain", ""), rows.get(2).fields());
        assertEquals(1, rows.get(0).line());
        assertEquals(3, rows.get(1).line(), "the record with a line break in a field ends on line 3");
        assertEquals(5, rows.get(2).line(), "the blank line 4 is skipped");
    }

    @Test
    void anUnterminatedQuoteNamesTheFile() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b\n\"never closed,1\n");
        IOException e = assertThrows(IOException.class, () -> CsvFiles.read(f));
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
    }
}
