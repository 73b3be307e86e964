package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maskwatch bench} prints its figures (images/s, ms per stage, cores, model load); not a timed test. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsImagesPerSecondAndStageTimes() throws IOException {
        for (String n : new String[] {"3.jpg", "249.jpg", "8.jpg"}) {
            Files.copy(CliRun.validationPhoto(n), dir.resolve(n));
        }
        CliRun r = CliRun.of("bench", "--images", dir.toString(), "--repeat", "1");
        assertEquals(0, r.exitCode(), r.toString());
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(r.out().contains(cores + " threads on " + cores + " cores"), r.toString());
        assertTrue(r.out().matches("(?s).*model load: \\d+ ms.*"), r.toString());
        Pattern pass = Pattern.compile("pass (\\d)[^:]*: 3 images, (\\d+) faces, [\\d.]+ s = ([\\d.]+) images/s; ms per image \\(per thread\\): "
                + "decode ([\\d.]+), detect ([\\d.]+), classify ([\\d.]+), annotate ([\\d.]+), encode ([\\d.]+)");
        Matcher m = pass.matcher(r.out());
        int passes = 0;
        while (m.find()) {
            passes++;
            assertTrue(Integer.parseInt(m.group(2)) >= 3, "faces: " + m.group());
            assertTrue(Double.parseDouble(m.group(3)) > 0);
            assertTrue(Double.parseDouble(m.group(4)) > 0, "decode time");
            assertTrue(Double.parseDouble(m.group(5)) > 0, "detect time");
            assertTrue(Double.parseDouble(m.group(6)) > 0, "classify time");
        }
        assertEquals(2, passes, r.toString());
        assertTrue(r.out().contains("whole run since JVM start: "), r.toString());
    }

    @Test
    void usageErrors() throws IOException {
        CliRun missing = CliRun.of("bench", "--images", dir.resolve("nope").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("not a folder"), missing.toString());
        CliRun empty = CliRun.of("bench", "--images", dir.toString());
        assertEquals(2, empty.exitCode(), empty.toString());
        assertTrue(empty.err().contains("no images in this folder"), empty.toString());
        CliRun repeat = CliRun.of("bench", "--images", dir.toString(), "--repeat", "-1");
        assertEquals(2, repeat.exitCode(), repeat.toString());
    }
}
