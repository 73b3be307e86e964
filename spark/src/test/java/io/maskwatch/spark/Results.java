package io.maskwatch.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskwatch.model.SharedFolder;
import io.maskwatch.cli.DetectCommand;
import io.maskwatch.json.DetectionJson;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.FaceResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs {@code maskwatch detect} and the spark command, reads their results and compares them. */
final class Results {

    static final Path SHARED = SharedFolder.require();
    static final double BOX_TOLERANCE = 0.02;   // px: both round to 0.01
    static final double SCORE_TOLERANCE = 2e-4; // both round to 1e-4

    private Results() {
    }

    /** The photos of a shared data set; fails (never skips) when ../shared is missing. */
    static Path shared(String relative) {
        Path p = SHARED.resolve(relative);
        assertTrue(Files.isDirectory(p), "shared data missing: " + p + " (set -Dmaskwatch.shared)");
        return p;
    }

    /** Runs a command through picocli; returns exit code and stderr. */
    record Run(int exitCode, String err) {
    }

    static Run run(Object command, List<String> args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(new String[0]));
        return new Run(code, err.toString());
    }

    /** detect's results for {@code inputs} (one thread per core, as detect runs by default), by file name. */
    static Map<String, Detection> detect(List<String> inputs, Path json) throws IOException {
        List<String> args = new ArrayList<>(inputs);
        args.addAll(List.of("--json", json.toString(), "--no-progress"));
        Run r = run(new DetectCommand(), args);
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, "detect failed: " + r.err());
        return byFileName(Files.readAllLines(json, StandardCharsets.UTF_8));
    }

    /** The JSON lines of a jsonl run (all part files), by file name. */
    static Map<String, Detection> jsonlOutput(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        }
        return byFileName(lines);
    }

    static Map<String, Detection> byFileName(List<String> jsonLines) {
        Map<String, Detection> out = new TreeMap<>();
        for (String line : jsonLines) {
            if (line.isBlank()) continue;
            Detection d = DetectionJson.fromJson(line);
            String name = Path.of(d.image()).getFileName().toString();
            assertNull(out.put(name, d), "two results for " + name);
        }
        return out;
    }

    /** Same photos, same sizes, same faces and labels, boxes within rounding, same error reasons. */
    static void assertSame(Map<String, Detection> expected, Map<String, Detection> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "photos");
        for (String name : expected.keySet()) {
            Detection e = expected.get(name);
            Detection a = actual.get(name);
            if (e.error() != null) {
                assertNotNull(a.error(), name + ": detect reported '" + e.error() + "', spark no error");
                assertEquals(reason(e), reason(a), name + ": error reason");
                continue;
            }
            assertNull(a.error(), name + ": unexpected error");
            assertEquals(e.width(), a.width(), name + " width");
            assertEquals(e.height(), a.height(), name + " height");
            assertEquals(e.faces().size(), a.faces().size(), name + ": faces");
            for (int i = 0; i < e.faces().size(); i++) {
                FaceResult fe = e.faces().get(i);
                FaceResult fa = a.faces().get(i);
                String where = name + " face " + i;
                assertEquals(fe.label(), fa.label(), where + " label");
                assertEquals(fe.box().x1(), fa.box().x1(), BOX_TOLERANCE, where + " x1");
                assertEquals(fe.box().y1(), fa.box().y1(), BOX_TOLERANCE, where + " y1");
                assertEquals(fe.box().x2(), fa.box().x2(), BOX_TOLERANCE, where + " x2");
                assertEquals(fe.box().y2(), fa.box().y2(), BOX_TOLERANCE, where + " y2");
                assertEquals(fe.score(), fa.score(), SCORE_TOLERANCE, where + " score");
                assertEquals(fe.maskProbability(), fa.maskProbability(), SCORE_TOLERANCE, where + " P(masked)");
                assertEquals(fe.landmarks().size(), fa.landmarks().size(), where + " landmarks");
            }
        }
    }

    /** An error message without the file name each front end puts first. */
    static String reason(Detection d) {
        String prefix = d.image() + ": ";
        return d.error().startsWith(prefix) ? d.error().substring(prefix.length()) : d.error();
    }

    /** The test class path (surefire's, not its booter jar) for Spark's own JVMs. */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
