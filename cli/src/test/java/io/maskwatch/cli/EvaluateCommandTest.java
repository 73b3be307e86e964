package io.maskwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maskwatch evaluate} end to end on real photos with the real models, and its bad-input paths. */
class EvaluateCommandTest {

    static final Path VALIDATION = CliRun.SHARED.resolve("datasets/reference-photos-validation");

    @TempDir
    Path tmp;

    @Test
    void evaluatesAListedPartOfTheValidationSet() throws IOException {
        assertTrue(Files.isDirectory(VALIDATION), "shared data not present");
        // 12 photos with 19 annotated faces
        List<String> photos = List.of("0.jpg", "3.jpg", "7.jpg", "8.jpg", "30.jpg", "82.jpg", "102.jpg", "106.jpg",
                "109.jpg", "165.jpg", "177.jpg", "186.jpg");
        Path list = Files.writeString(tmp.resolve("list.txt"), "# a few validation photos\n" + String.join("\n", photos) + "\n");
        Path report = tmp.resolve("report");
        CliRun r = CliRun.of("evaluate", "--dataset", VALIDATION.toString(), "--images-from", list.toString(),
                "--report", report.toString(), "--no-progress", "--offline");
        assertEquals(0, r.exitCode(), r.toString());
        for (String f : List.of("report.json", "report.html", "roc_pipeline.png", "roc_classifier.png", "faces.csv")) {
            assertTrue(Files.size(report.resolve(f)) > 100, f);
        }
        JsonNode j = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(12, j.get("images").asInt());
        int faces = j.get("faces").asInt();
        assertEquals(j.get("pipeline").get("masked").get("total").asInt() + j.get("pipeline").get("unmasked").get("total").asInt(), faces);
        assertEquals(faces, j.get("detector").get("matched").asInt() + j.get("detector").get("missed").asInt());
        assertTrue(j.get("detector").get("recall").asDouble() >= 0.8, "the default detector finds most faces: " + j.get("detector"));
        assertTrue(j.get("classifier").get("accuracy").asDouble() >= 0.7, "the classifier is better than chance: " + j.get("classifier"));
        assertEquals(20, j.get("min_face").asInt());
        assertTrue(j.has("min_face_20"));
        assertEquals(faces + 1, Files.readAllLines(report.resolve("faces.csv")).stream()
                .filter(l -> !l.endsWith(",spurious")).count());
        assertTrue(r.out().contains("recall") && r.out().contains("TNR") && r.out().contains("reference design"), r.out());
    }

    @Test
    void unknownLabelsAreAnErrorNamingThem() throws IOException {
        Path set = smallCsvSet("with_mask", "sunglasses");
        CliRun r = CliRun.of("evaluate", "--dataset", set.toString(), "--report", tmp.resolve("r").toString(), "--offline");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'sunglasses'") && r.err().contains("--labels"), r.err());
        Path labels = Files.writeString(tmp.resolve("labels.txt"), "sunglasses = unmasked\nnot-a-class = hat\n");
        CliRun bad = CliRun.of("evaluate", "--dataset", set.toString(), "--report", tmp.resolve("r").toString(),
                "--labels", labels.toString(), "--offline");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains(labels + ":2:"), bad.err());
    }

    @Test
    void strictTurnsWarningsIntoAnErrorWithFileAndLine() throws IOException {
        Path set = smallCsvSet("with_mask", "no_mask");
        Files.writeString(set.resolve("annotations.csv"), "no_mask,1,1,10,10,missing.jpg,40,40\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun r = CliRun.of("evaluate", "--dataset", set.toString(), "--report", tmp.resolve("r").toString(), "--strict", "--offline");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(set.resolve("annotations.csv") + ":4: image not found"), r.err());
        assertTrue(Files.notExists(tmp.resolve("r")), "nothing written");
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        Path set = smallCsvSet("with_mask", "no_mask");
        CliRun missing = CliRun.of("evaluate", "--dataset", tmp.resolve("nope").toString(), "--report", tmp.resolve("r").toString());
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("no such folder"), missing.err());
        CliRun threshold = CliRun.of("evaluate", "--dataset", set.toString(), "--report", tmp.resolve("r").toString(), "--threshold", "1.5");
        assertEquals(2, threshold.exitCode(), threshold.toString());
        Path list = Files.writeString(tmp.resolve("l.txt"), "a.jpg\nnot-there.jpg\n");
        CliRun stale = CliRun.of("evaluate", "--dataset", set.toString(), "--report", tmp.resolve("r").toString(),
                "--images-from", list.toString(), "--offline");
        assertEquals(2, stale.exitCode(), stale.toString());
        assertTrue(stale.err().contains("not-there.jpg"), stale.err());
        CliRun noArgs = CliRun.of("evaluate");
        assertEquals(2, noArgs.exitCode(), noArgs.toString());
    }

    /** A makesense CSV set of one 40x40 photo with one face per label. */
    private Path smallCsvSet(String... labels) throws IOException {
        Path set = Files.createDirectories(tmp.resolve("set"));
        Files.createDirectories(set.resolve("images"));
        ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_3BYTE_BGR), "jpeg", set.resolve("images/a.jpg").toFile());
        StringBuilder sb = new StringBuilder("label,x,y,w,h,image,image_w,image_h\n");
        int x = 0;
        for (String l : labels) {
            sb.append(l).append(',').append(x).append(",0,10,10,a.jpg,40,40\n");
            x += 12;
        }
        Files.writeString(set.resolve("annotations.csv"), sb);
        return set;
    }
}
