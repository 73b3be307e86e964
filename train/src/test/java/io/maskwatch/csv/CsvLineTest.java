package io.maskwatch.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void splitsPlainQuotedAndEmptyFields() {
        assertEquals(List.of("a", "b", "c"), CsvLine.split("a,b,c"));
        assertEquals(List.of("a, b.jpg", "x"), CsvLine.split("\"a, b.jpg\",x"));
        assertEquals(List.of("say \"hi\"", ""), CsvLine.split("\"say \"\"hi\"\"\","));
        assertEquals(List.of(""), CsvLine.split(""));
        assertEquals(List.of("", "", ""), CsvLine.split(",,"));
        assertEquals(List.of(" a ", "b"), CsvLine.split(" a ,b"));
    }

    @Test
    void quoteRoundTrips() {
        for (String s : List.of("plain", "a, b", "q\"uote", "\"", "", "line\nbreak")) {
            List<String> back = CsvLine.split(CsvLine.quote(s) + "," + CsvLine.quote("z"));
            if (!s.contains("\n")) {
                assertEquals(List.of(s, "z"), back, s);
            }
        }
        assertEquals("plain", CsvLine.quote("plain"));
        assertEquals("\"a,b\"", CsvLine.quote("a,b"));
        assertEquals("", CsvLine.quote(null));
    }
}
