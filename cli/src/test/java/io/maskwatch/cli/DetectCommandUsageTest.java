package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit with 2 and say what is wrong, before any model is loaded. */
class DetectCommandUsageTest {

    @TempDir
    Path dir;

    private void assertUsage(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
    }

    @Test
    void noInputs() {
        assertUsage("Missing required parameter: 'INPUT'", "detect");
    }

    @Test
    void folderWithoutImagesIsNotAUsageError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no photos here");
        CliRun r = CliRun.of("detect", empty.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains(empty + ": no images in this folder"), r.toString());
    }

    @Test
    void badOptions() {
        String photo = CliRun.validationPhoto("3.jpg").toString();
        assertUsage("--threshold must be between 0 and 1", "detect", photo, "--threshold", "1.5");
        assertUsage("--min-face must be >= 0", "detect", photo, "--min-face", "-3");
        assertUsage("--max-pixels must be >= 1", "detect", photo, "--max-pixels", "0");
        assertUsage("--decode-timeout must be in (0, 86400] seconds", "detect", photo, "--decode-timeout", "0");
        assertUsage("unknown --detector 'haar'", "detect", photo, "--detector", "haar");
        assertUsage("Unknown option: '--colour'", "detect", photo, "--colour");
        assertUsage("Invalid value for option '--threshold'", "detect", photo, "--threshold", "high");
    }

    @Test
    void outputThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("out.txt"), "x");
        assertUsage("exists and is not a folder", "detect", CliRun.validationPhoto("3.jpg").toString(), "--output", file.toString());
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        CliRun r = CliRun.of("detect", "--help");
        assertEquals(0, r.exitCode());
        for (String s : new String[] {"--output", "--json", "--detector", "--threshold", "--min-face", "--max-pixels", "--decode-timeout", "--offline",
                "--model-path", "Exit codes"}) {
            assertTrue(r.out().contains(s), s + " missing from\n" + r.out());
        }
    }
}
