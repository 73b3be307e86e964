package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a new user met trying the command line (issue 9), each with the real command and real photos. */
class NewUserCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> jsonLines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void annotatedImagesFollowTheUmaskLikeTheJson() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("detect", CliRun.validationPhoto("3.jpg").toString(), "--output", out.toString(),
                "--json", out.resolve("r.jsonl").toString());
        assertEquals(0, r.exitCode(), r.toString());
        Set<PosixFilePermission> json = Files.getPosixFilePermissions(out.resolve("r.jsonl"));
        assertTrue(json.contains(PosixFilePermission.OWNER_READ), json.toString());
        assertEquals(json, Files.getPosixFilePermissions(out.resolve("3.jpg")), "annotated image mode");
    }

    @Test
    void progressInALogIsPlainLinesNotCarriageReturns() {
        List<String> args = new ArrayList<>(List.of("detect", "--json", dir.resolve("r.jsonl").toString()));
        for (String n : List.of("3.jpg", "249.jpg", "38.jpg", "0.jpg", "102.jpg")) {
            args.add(CliRun.validationPhoto(n).toString());
        }
        CliRun r = CliRun.of(args.toArray(String[]::new)); // the test JVM's stderr is a pipe, not a terminal
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.err().contains("\r"), r.toString());
        assertFalse(BatchProgress.stderrIsTerminal());
    }

    @Test
    void aUsageErrorIsOneLineAndAPointerToHelp() {
        CliRun r = CliRun.of("detect", CliRun.validationPhoto("3.jpg").toString(), "--threshold", "1.5");
        assertEquals(2, r.exitCode());
        assertEquals(List.of("maskwatch detect: --threshold must be between 0 and 1, got 1.5",
                "Try 'maskwatch detect --help' for more information."), r.err().lines().toList());
        CliRun unknown = CliRun.of("detect", "x.jpg", "--colour");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().lines().count() <= 3, unknown.toString());
        assertFalse(unknown.err().contains("--max-pixels"), "no full help: " + unknown);
    }

    @Test
    void noCommandIsAUsageErrorWithAShortList() {
        CliRun r = CliRun.of();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().lines().count() <= 3, r.toString());
        assertTrue(r.err().contains("detect") && r.err().contains("serve"), r.toString());
    }

    @Test
    void aFolderWithoutImagesIsADataProblemNotAUsageError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun r = CliRun.of("detect", empty.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains(empty + ": no images in this folder"), r.toString());
        assertFalse(r.err().contains("Try "), r.toString());
    }

    @Test
    void everyHelpFitsEightyColumnsAndShowsNoInternals() {
        CommandLine root = Main.commandLine();
        List<CommandLine> all = new ArrayList<>();
        collect(root, all);
        for (CommandLine c : all) {
            StringWriter help = new StringWriter();
            c.usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
            String text = help.toString();
            String name = c.getCommandSpec().qualifiedName();
            List<String> lines = text.lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                String next = lines.get(i + 1).strip();
                // a word or a path broken at a dot or a slash ("~/." + "cache", "annotations." + "csv")
                boolean broken = line.endsWith("~/.") || line.endsWith("..") && !line.endsWith("...")
                        || line.endsWith(".") && next.matches("(csv|png|jpg|json|onnx|cache|md|html|txt)\\b.*");
                assertFalse(broken, name + ": word split across lines: " + line + " | " + next);
            }
            for (String line : lines) {
                assertTrue(line.length() <= 80, name + ": line over 80 columns: " + line);
                assertFalse(line.matches(".*<[a-z]+[A-Z]\\w*>.*"), name + ": field name as a label: " + line);
                assertFalse(line.contains("CropSpec") || line.contains("-Dmaskwatch") || line.endsWith("~/."),
                        name + ": internal name: " + line);
            }
        }
        // Each command's one-line summary in the list is a whole sentence.
        StringWriter top = new StringWriter();
        root.usage(new PrintWriter(top), CommandLine.Help.Ansi.OFF);
        for (String line : top.toString().lines().toList()) {
            if (line.matches("  [a-z]+ +\\S.*") && !line.trim().startsWith("help")) {
                assertTrue(line.trim().endsWith(".") || line.trim().endsWith(")"), "summary cut off: " + line);
            }
        }
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, out));
    }

    @Test
    void anUnwritableOutputIsOneMessageUpFront() throws Exception {
        CliRun r = CliRun.of("detect", CliRun.validationPhoto("3.jpg").toString(), CliRun.validationPhoto("249.jpg").toString(),
                "--output", "/proc/nope");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.contains("/proc/nope")).count(), r.toString());
        assertTrue(r.err().contains("maskwatch detect: cannot write to --output /proc/nope: "), r.toString());
        assertFalse(r.err().contains("java."), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    @Test
    void eachJsonLineNamesItsAnnotatedFileAndNamesNeverCollide() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        BufferedImage photo = ImageLoader.read(CliRun.validationPhoto("249.jpg"));
        ImageIO.write(photo, "gif", in.resolve("y.gif").toFile());
        ImageIO.write(photo, "png", in.resolve("y.png").toFile());
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("detect", in.toString(), "--output", out.toString(), "--json", dir.resolve("r.jsonl").toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<JsonNode> lines = jsonLines(dir.resolve("r.jsonl"));
        assertEquals(out.resolve("y.gif.png").toString(), lines.get(0).get("annotated").asText());
        assertEquals(out.resolve("y.png").toString(), lines.get(1).get("annotated").asText());
        for (JsonNode l : lines) {
            assertTrue(Files.isRegularFile(Path.of(l.get("annotated").asText())), l.toString());
        }
        assertFalse(Files.exists(out.resolve("y-2.png")));
    }

    @Test
    void summaryCountsOneImageInTheSingular() {
        CliRun r = CliRun.of("detect", CliRun.validationPhoto("3.jpg").toString());
        assertEquals(0, r.exitCode(), r.toString());
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("maskwatch detect: 1 image, 1 face (0 unmasked), no errors in "), last);
        assertFalse(last.contains("images/s"), last);
    }

    @Test
    void aRefusedLargeImageKeepsItsSizeAndNamesMaxPixels() throws Exception {
        Path json = dir.resolve("r.jsonl");
        CliRun r = CliRun.of("detect", CliRun.validationPhoto("3.jpg").toString(), "--max-pixels", "1000", "--json", json.toString());
        assertEquals(1, r.exitCode(), r.toString());
        JsonNode line = jsonLines(json).get(0);
        assertEquals(500, line.get("width").asInt(), line.toString());
        assertEquals(750, line.get("height").asInt(), line.toString());
        assertTrue(line.get("error").asText().contains("--max-pixels 1000"), line.toString());
    }

    @Test
    void boxesOnlyDrawsNoLabels() throws Exception {
        Path out = dir.resolve("out");
        Path photo = CliRun.validationPhoto("3.jpg"); // one masked face at (171, 255) 129x182: its label goes above
        assertEquals(0, CliRun.of("detect", photo.toString(), "--output", out.resolve("l").toString()).exitCode());
        assertEquals(0, CliRun.of("detect", photo.toString(), "--boxes-only", "--output", out.resolve("b").toString()).exitCode());
        BufferedImage labelled = ImageIO.read(out.resolve("l/3.jpg").toFile());
        BufferedImage boxes = ImageIO.read(out.resolve("b/3.jpg").toFile());
        BufferedImage original = ImageLoader.read(photo);
        // the label's band above the box: changed with labels, as the photo without them
        assertTrue(diff(labelled, original, 175, 235, 250, 250) > 40, "label drawn");
        assertTrue(diff(boxes, original, 175, 235, 250, 250) < 12, "no label with --boxes-only");
    }

    private static double diff(BufferedImage a, BufferedImage b, int x1, int y1, int x2, int y2) {
        double sum = 0;
        int n = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                        + Math.abs((p & 255) - (q & 255));
                n++;
            }
        }
        return sum / n / 3;
    }

    @Test
    void dashReadsThePhotoFromStandardInput() throws Exception {
        InputStream old = System.in;
        CliRun r;
        CliRun fromFile = CliRun.of("detect", CliRun.validationPhoto("249.jpg").toString());
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(CliRun.validationPhoto("249.jpg"))));
            r = CliRun.of("detect", "-", "--output", dir.resolve("out").toString(), "--json", "-");
        } finally {
            System.setIn(old);
        }
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode line = JSON.readTree(r.out().lines().findFirst().orElseThrow());
        JsonNode file = JSON.readTree(fromFile.out().lines().findFirst().orElseThrow());
        assertEquals("-", line.get("image").asText());
        assertEquals(file.get("faces"), line.get("faces"));
        assertEquals(dir.resolve("out/stdin.png").toString(), line.get("annotated").asText());
        assertNotNull(ImageIO.read(dir.resolve("out/stdin.png").toFile()));
    }

    /**
     * evaluate (like serve) used to unpack ONNX Runtime into a new /tmp/onnxruntime-java* folder on each start and
     * leave it there; every command now uses the copy in the user cache. Run as a separate process, with its own
     * temporary folder and cache, because the choice is made once per JVM.
     */
    @Test
    void evaluateUsesTheNativeLibrariesInTheUserCache() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path list = Files.writeString(dir.resolve("one.txt"), "3.jpg\n");
        Path set = CliRun.SHARED.resolve("datasets/reference-photos-validation");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Djava.awt.headless=true", "-Dmaskwatch.shared=" + CliRun.SHARED,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "evaluate", "--dataset", set.toString(), "--images-from", list.toString(),
                "--report", dir.resolve("report").toString(), "--no-progress");
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("log.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "evaluate did not finish");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, p.exitValue(), log);
        try (var s = Files.list(tmp)) {
            List<Path> left = s.filter(f -> f.getFileName().toString().startsWith("onnxruntime")).toList();
            assertEquals(List.of(), left, "ONNX Runtime unpacked into the temporary folder");
        }
        try (var s = Files.walk(cache)) {
            assertTrue(s.anyMatch(f -> f.getFileName().toString().equals("libonnxruntime.so")), "not in the user cache");
        }
    }
}
