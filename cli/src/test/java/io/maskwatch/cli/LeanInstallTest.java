package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base install (the cli module's class path) runs detect without PyTorch, DJL, Spark or FFmpeg, and lists
 * the optional commands with a one-line way to get them.
 */
class LeanInstallTest {

    /** Packages of the heavy optional dependencies: none may be on the base class path or be loaded by detect. */
    static final List<String> HEAVY = List.of("ai.djl", "org.pytorch", "org.apache.spark", "org.bytedeco");
    static final List<String> HEAVY_JARS = List.of("pytorch", "djl", "api-0.", "spark-", "javacv", "ffmpeg", "bytedeco");

    @TempDir
    Path dir;

    @Test
    void detectLoadsNoClassOfTheOptionalModules() throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            assertTrue(HEAVY_JARS.stream().noneMatch(name::contains), "heavy jar on the base class path: " + entry);
        }
        Path photo = CliRun.validationPhoto("102.jpg");
        assertTrue(Files.isRegularFile(photo), "missing " + photo);
        Path log = dir.resolve("classes.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-Djava.awt.headless=true",
                "-Dmaskwatch.shared=" + CliRun.SHARED, "-cp", classPath, Main.class.getName(),
                "detect", photo.toString(), "--json", "-", "--no-progress")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "detect did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("\"faces\""), "detect printed no result");
        long loaded = out.lines().filter(l -> l.startsWith("[class,load]") || l.contains("[class,load]")).count();
        assertTrue(loaded > 1000, "-verbose:class listed only " + loaded + " classes");
        List<String> heavy = out.lines().filter(l -> l.contains("[class,load]"))
                .filter(l -> HEAVY.stream().anyMatch(pkg -> l.contains(" " + pkg + "."))).limit(5).toList();
        assertEquals(List.of(), heavy, "detect loaded classes of optional modules");
    }

    @Test
    void anOptionalCommandThatIsNotInstalledSaysHowToGetItInOneLine() {
        for (OptionalCommand oc : OptionalCommand.values()) {
            boolean installed = oc.load().isPresent();
            CliRun help = CliRun.of("--help");
            assertTrue(help.out().contains("  " + oc.name + " "), oc.name + " missing from --help:\n" + help);
            if (installed) {
                continue;
            }
            CliRun r = CliRun.of(oc.name, "--help");
            assertEquals(2, r.exitCode(), r.toString());
            assertEquals(1, r.err().strip().lines().count(), r.toString());
            assertTrue(r.err().contains("'" + oc.module + "' module is not installed")
                    && r.err().contains("-pl " + oc.module + " -am"), r.toString());
        }
        assertTrue(Arrays.stream(OptionalCommand.values()).anyMatch(oc -> oc.load().isEmpty()),
                "the cli's test class path must not hold every optional module");
    }
}
