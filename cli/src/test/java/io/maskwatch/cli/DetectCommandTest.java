package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskwatch.detect.Box;
import io.maskwatch.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maskwatch detect} end to end on real photos with the real models: annotated images, JSON
 * Lines, errors that name the file, exit codes. One run over a mixed folder serves most checks.
 */
class DetectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path photos;
    static Path out;
    static CliRun run;
    static List<JsonNode> lines;

    /** 3.jpg: one large masked face at (171, 255) 129×182 in 500×750; 249.jpg: one unmasked face at (199, 62) 105×166 in 500×333. */
    @BeforeAll
    static void runOverAMixedFolder() throws IOException {
        photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(CliRun.validationPhoto("3.jpg"), photos.resolve("a-masked.jpg"));
        Files.copy(CliRun.validationPhoto("249.jpg"), photos.resolve("b-unmasked.jpg"));
        // The masked photo stored sideways with EXIF orientation 6 (rotate 90° clockwise to display).
        byte[] plain = Files.readAllBytes(CliRun.validationPhoto("3.jpg"));
        Files.write(photos.resolve("c-rotated.jpg"), withExifOrientation6(rotateCounterClockwise(plain)));
        // A PNG in a sub-folder; it keeps its format.
        Files.createDirectories(photos.resolve("sub"));
        ImageIO.write(ImageLoader.read(CliRun.validationPhoto("249.jpg")), "png", photos.resolve("sub/d.png").toFile());
        // Bad files: truncated JPEG, text with an image extension; a non-image extension is skipped.
        byte[] big = Files.readAllBytes(CliRun.validationPhoto("0.jpg"));
        Files.write(photos.resolve("e-truncated.jpg"), Arrays.copyOf(big, big.length / 3));
        Files.writeString(photos.resolve("f-notes.jpg"), "this is not a photo\n");
        Files.writeString(photos.resolve("readme.txt"), "skipped");
        // An iPhone photo: picked up from the folder and refused with a clear reason.
        Files.write(photos.resolve("g-phone.heic"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0,
            'm', 'i', 'f', '1', 'h', 'e', 'i', 'c', 0, 0, 0, 0});
        out = dir.resolve("out");
        run = CliRun.of("detect", photos.toString(), "--output", out.toString(), "--json", out.resolve("results.jsonl").toString());
        lines = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("results.jsonl"))) {
            lines.add(JSON.readTree(l));
        }
    }

    @Test
    void theSummaryCountsMasksWornIncorrectlyWhenThereAreAny() {
        assertEquals("maskwatch detect: 2 images, 9 faces (3 unmasked, 2 incorrect), no errors in 1.0 s (2.0 images/s,"
                        + " 2 threads); models loaded in 0.3 s",
                DetectCommand.summaryLine(new DetectBatch.Summary(2, 9, 3, 2, 0, 1.0), 2, 0.3));
        assertTrue(DetectCommand.summaryLine(new DetectBatch.Summary(1, 1, 0, 0, 0, 0.4), 2, 0.3)
                .startsWith("maskwatch detect: 1 image, 1 face (0 unmasked), no errors"));
    }

    @Test
    void exitCodeOneWithAnErrorLineNamingEachBadFile() {
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("error: " + photos.resolve("e-truncated.jpg") + ": truncated jpeg file"), run.toString());
        assertTrue(run.err().contains("error: " + photos.resolve("f-notes.jpg") + ": not an image (a text file)"), run.toString());
        assertTrue(run.err().contains("error: " + photos.resolve("g-phone.heic") + ": unsupported image format (HEIC/HEIF)"), run.toString());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("maskwatch detect: 7 images, ") && l.contains(", 3 errors in ")
                && l.contains("images/s")), run.toString());
    }

    @Test
    void oneJsonLinePerInputInOrderWithExactlyTheKeys() {
        assertEquals(List.of("a-masked.jpg", "b-unmasked.jpg", "c-rotated.jpg", "e-truncated.jpg", "f-notes.jpg", "g-phone.heic", "sub/d.png"),
                lines.stream().map(n -> photos.relativize(Path.of(n.get("image").asText())).toString()).toList());
        for (JsonNode n : lines) {
            assertEquals(List.of("image", "width", "height", "faces", "error", "annotated"), keys(n));
            for (JsonNode f : n.get("faces")) {
                assertEquals(List.of("x1", "y1", "x2", "y2", "score", "mask_probability", "label", "mask_state", "landmarks"), keys(f));
                assertEquals(f.get("mask_probability").asDouble(), f.get("mask_state").get("masked").asDouble(), 1e-4);
                assertEquals(5, f.get("landmarks").size());
                double p = f.get("mask_probability").asDouble();
                assertTrue(p >= 0 && p <= 1);
                assertTrue(List.of("masked", "incorrect", "unmasked").contains(f.get("label").asText()));
            }
        }
        JsonNode bad = lines.get(3);
        assertEquals(0, bad.get("width").asInt());
        assertEquals(0, bad.get("faces").size());
        assertTrue(bad.get("error").asText().startsWith(photos.resolve("e-truncated.jpg") + ": truncated"));
        assertTrue(lines.get(0).get("error").isNull());
    }

    @Test
    void findsAndClassifiesTheFacesOfRealPhotos() {
        JsonNode masked = lines.get(0);
        assertEquals(500, masked.get("width").asInt());
        assertEquals(750, masked.get("height").asInt());
        JsonNode face = best(masked, Box.ofSize(171, 255, 129, 182));
        assertNotNull(face, "the masked face of 3.jpg was not found: " + masked);
        assertEquals("masked", face.get("label").asText(), masked.toString());

        JsonNode unmasked = lines.get(1);
        JsonNode u = best(unmasked, Box.ofSize(199, 62, 105, 166));
        assertNotNull(u, "the face of 249.jpg was not found: " + unmasked);
        assertEquals("unmasked", u.get("label").asText(), unmasked.toString());
        // The PNG copy gives the same faces as the JPEG it came from.
        assertEquals(unmasked.get("faces").size(), lines.get(6).get("faces").size());
    }

    @Test
    void aMaskedFaceBoxIsTheWholeFaceUnlessDetectorBoxesIsGiven() throws IOException {
        CliRun r = CliRun.of("detect", CliRun.validationPhoto("3.jpg").toString(), "--detector-boxes", "--json", "-");
        assertEquals(0, r.exitCode(), r.err());
        Box truth = Box.ofSize(171, 255, 129, 182);
        JsonNode detector = best(JSON.readTree(r.out()), truth);
        JsonNode whole = best(lines.get(0), truth);
        assertNotNull(detector, r.out());
        // by default the box moves toward the masked-face detector's and down to the chin under the mask
        assertTrue(whole.get("y2").asDouble() > detector.get("y2").asDouble() + 0.05 * (detector.get("y2").asDouble()
                - detector.get("y1").asDouble()), whole + " against " + detector);
        assertTrue(box(whole).iou(truth) > box(detector).iou(truth), "the annotated face includes the chin under the mask");
        // the classifier sees the detector's box either way
        assertEquals(detector.get("mask_probability").asDouble(), whole.get("mask_probability").asDouble(), 1e-9);
        assertEquals(detector.get("label").asText(), whole.get("label").asText());
    }

    @Test
    void coordinatesReferToTheImageAsDisplayed() {
        JsonNode rotated = lines.get(2);
        assertEquals(500, rotated.get("width").asInt(), "EXIF orientation applied: displayed upright");
        assertEquals(750, rotated.get("height").asInt());
        JsonNode face = best(rotated, Box.ofSize(171, 255, 129, 182));
        assertNotNull(face, "the face of the EXIF-rotated photo is not where it is displayed: " + rotated);
        assertEquals("masked", face.get("label").asText());
    }

    @Test
    void annotatedImagesWrittenForEveryGoodInput() throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            List<String> files = s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
            assertEquals(List.of("a-masked.jpg", "b-unmasked.jpg", "c-rotated.jpg", "results.jsonl", "sub/d.png"), files);
        }
        BufferedImage original = ImageLoader.read(photos.resolve("a-masked.jpg"));
        BufferedImage annotated = ImageLoader.read(out.resolve("a-masked.jpg"));
        assertEquals(original.getWidth(), annotated.getWidth());
        assertEquals(original.getHeight(), annotated.getHeight());
        assertEquals("png", formatName(out.resolve("sub/d.png")));
        assertEquals("JPEG", formatName(out.resolve("a-masked.jpg")).toUpperCase());
        // Green box pixels around the masked face (the annotation is really there).
        int green = 0;
        for (int y = 200; y < 500; y++) {
            for (int x = 120; x < 350; x++) {
                int rgb = annotated.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                green += g > 120 && r < 80 && b < 110 ? 1 : 0;
            }
        }
        assertTrue(green > 300, "no green box drawn: " + green);
    }

    @Test
    void missingPathIsAnErrorAndTheOthersStillRun() throws IOException {
        Path missing = dir.resolve("nope.jpg");
        CliRun r = CliRun.of("detect", missing.toString(), CliRun.validationPhoto("3.jpg").toString(), "--json", "-");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: " + missing + ": no such file or folder"), r.toString());
        List<String> json = r.out().lines().toList();
        assertEquals(2, json.size(), r.toString());
        assertEquals(missing.toString(), JSON.readTree(json.get(0)).get("image").asText());
        JsonNode ok = JSON.readTree(json.get(1));
        assertTrue(ok.get("error").isNull());
        assertTrue(ok.get("faces").size() >= 1);
    }

    @Test
    void bombRefusedAndAllGoodGivesExitZero() throws IOException {
        Path single = Files.createDirectories(dir.resolve("single"));
        Files.copy(CliRun.validationPhoto("249.jpg"), single.resolve("ok.jpg"));
        CliRun good = CliRun.of("detect", single.toString(), "--json", dir.resolve("good.jsonl").toString());
        assertEquals(0, good.exitCode(), good.toString());
        assertTrue(good.err().contains("maskwatch detect: 1 image, "), good.toString());
        assertTrue(good.err().contains(", no errors in "), good.toString());
        assertNull(JSON.readTree(Files.readAllLines(dir.resolve("good.jsonl")).get(0)).get("error").textValue());

        CliRun small = CliRun.of("detect", single.resolve("ok.jpg").toString(), "--max-pixels", "1000", "--json", "-");
        assertEquals(1, small.exitCode(), small.toString());
        assertTrue(small.err().contains("ok.jpg: image too large: 500x333"), small.toString());
        assertFalse(small.out().isBlank());
    }

    /** A decode past --decode-timeout is that image's error, and the batch goes on to the next image. */
    @Test
    void slowDecodeIsRefusedAndTheBatchGoesOn() throws IOException {
        Path two = Files.createDirectories(dir.resolve("two"));
        Files.copy(CliRun.validationPhoto("0.jpg"), two.resolve("a.jpg"));
        Files.copy(CliRun.validationPhoto("249.jpg"), two.resolve("b.jpg"));
        // a microsecond: no JPEG decodes that fast, so both are refused, each with its own error line
        CliRun quick = CliRun.of("detect", two.toString(), "--decode-timeout", "0.000001", "--json", "-");
        assertEquals(1, quick.exitCode(), quick.toString());
        for (String name : List.of("a.jpg", "b.jpg")) {
            assertTrue(quick.err().contains(name + ": decoding the jpeg took longer than the limit of"), quick.toString());
        }
        List<String> lines = quick.out().lines().toList();
        assertEquals(2, lines.size(), quick.toString());
        for (String line : lines) {
            assertTrue(JSON.readTree(line).get("error").asText().contains("took longer than the limit"), line);
        }
        CliRun usual = CliRun.of("detect", two.toString(), "--decode-timeout", "30", "--json", "-");
        assertEquals(0, usual.exitCode(), usual.toString());
    }

    // ---------------------------------------------------------------- helpers

    /** The face of a JSON line that overlaps {@code truth} with IoU > 0.5, or null. */
    private static JsonNode best(JsonNode line, Box truth) {
        JsonNode best = null;
        double bestIou = 0.5;
        for (JsonNode f : line.get("faces")) {
            Box b = box(f);
            if (b.iou(truth) > bestIou) {
                bestIou = b.iou(truth);
                best = f;
            }
        }
        return best;
    }

    private static Box box(JsonNode face) {
        return new Box(face.get("x1").asDouble(), face.get("y1").asDouble(), face.get("x2").asDouble(), face.get("y2").asDouble());
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    private static String formatName(Path p) throws IOException {
        try (var in = ImageIO.createImageInputStream(p.toFile())) {
            return ImageIO.getImageReaders(in).next().getFormatName();
        }
    }

    /** The photo's pixels turned 90° counter-clockwise, as a camera held sideways stores them. */
    private static byte[] rotateCounterClockwise(byte[] jpeg) throws IOException {
        BufferedImage src = ImageLoader.read(jpeg, "src");
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage dst = new BufferedImage(h, w, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                dst.setRGB(y, w - 1 - x, src.getRGB(x, y));
            }
        }
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        ImageIO.write(dst, "jpeg", bo);
        return bo.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment declaring orientation 6. */
    private static byte[] withExifOrientation6(byte[] jpeg) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0).putInt(0);
        byte[] t = tiff.array();
        int len = 2 + 6 + t.length;
        ByteBuffer seg = ByteBuffer.allocate(2 + len);
        seg.put((byte) 0xFF).put((byte) 0xE1).putShort((short) len).put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(t);
        byte[] s = seg.array();
        byte[] b = new byte[jpeg.length + s.length];
        System.arraycopy(jpeg, 0, b, 0, 2);
        System.arraycopy(s, 0, b, 2, s.length);
        System.arraycopy(jpeg, 2, b, 2 + s.length, jpeg.length - 2);
        return b;
    }
}
