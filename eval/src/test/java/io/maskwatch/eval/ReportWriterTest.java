package io.maskwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    static Set<String> keys(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void reportFolderHasEveryFileWithTheKeysOfTheIssue() throws IOException {
        ReportFixture f = new ReportFixture(Files.createDirectories(dir.resolve("images")));
        Path out = dir.resolve("report");
        List<Path> written = ReportWriter.write(f.evaluation, f.images, out);
        assertEquals(5, written.size());
        try (var s = Files.list(out)) {
            assertEquals(Set.of("report.json", "report.html", "roc_pipeline.png", "roc_classifier.png", "faces.csv"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "no temporary files left behind");
        }

        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(keys(j).containsAll(Set.of("dataset", "images", "faces", "threshold", "min_face", "detector",
                "pipeline", "classifier", "min_face_20")), keys(j).toString());
        for (JsonNode s : List.of(j, j.get("min_face_20"))) {
            assertTrue(keys(s.get("detector")).containsAll(Set.of("matched", "missed", "spurious", "recall", "precision",
                    "average_precision")));
            assertTrue(keys(s.get("pipeline")).containsAll(Set.of("masked", "unmasked", "tnr", "fnr", "tnr_detected",
                    "fnr_detected", "auc")));
            assertEquals(Set.of("total", "correct", "wrong", "missed"), keys(s.get("pipeline").get("masked")));
            assertEquals(Set.of("total", "correct", "wrong", "missed"), keys(s.get("pipeline").get("unmasked")));
            assertTrue(keys(s.get("classifier")).containsAll(Set.of("accuracy", "auc")));
        }
        assertEquals("hand <set>", j.get("dataset").asText());
        assertEquals(3, j.get("images").asInt());
        assertEquals(5, j.get("faces").asInt());
        assertEquals(0.5, j.get("threshold").asDouble());
        assertEquals(20, j.get("min_face").asInt());
        assertEquals(4, j.get("detector").get("matched").asInt());
        assertEquals(2, j.get("detector").get("spurious").asInt());
        assertEquals(1, j.get("min_face_20").get("detector").get("spurious").asInt());
        assertEquals(1, j.get("pipeline").get("unmasked").get("missed").asInt());
        assertEquals(0.333333, j.get("pipeline").get("tnr").asDouble());
        assertEquals(0.8, j.get("classifier").get("accuracy").asDouble());
        assertTrue(j.get("operating_points").get("tnr_at_least_0.95").isNull());
        assertEquals(0.3, j.get("operating_points").get("fnr_at_most_0.02").get("threshold").asDouble());
        assertEquals(101, j.get("threshold_sweep").size());
        // three classes, classifier alone on the annotated boxes (labels from P(masked) at 0.5: no third class recorded)
        JsonNode three = j.get("three_class").get("classifier");
        assertEquals(2, three.get("masked").get("masked").asInt());
        assertEquals(2, three.get("unmasked").get("unmasked").asInt());
        assertEquals(1, three.get("incorrect").get("masked").asInt());
        assertEquals(0.0, three.get("incorrect").get("recall").asDouble());
        assertEquals(1, j.get("three_class").get("pipeline").get("unmasked").get("not_found").asInt());
        assertTrue(Files.readString(out.resolve("report.html")).contains("id=\"three-class-pipeline-min\""));

        for (String png : List.of("roc_pipeline.png", "roc_classifier.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertEquals(RocCharts.WIDTH, img.getWidth());
            assertEquals(RocCharts.HEIGHT, img.getHeight());
        }

        List<String> csv = Files.readAllLines(out.resolve("faces.csv"));
        assertEquals(FacesCsv.HEADER, csv.get(0));
        assertEquals(1 + 5 + 2, csv.size(), "a row per face and per spurious detection");
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("\"3 with, comma.jpg\",face,without_mask,unmasked,50,0,60,10,10,,,,,,0,,,0.4,missed")),
                String.join("\n", csv));
        assertEquals(2, csv.stream().filter(l -> l.endsWith(",spurious")).count());
        int fields = FacesCsv.HEADER.split(",").length;
        for (String l : csv) {
            assertEquals(fields, l.replace("\"3 with, comma.jpg\"", "x").split(",", -1).length, l);
        }

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("id=\"pipeline-all\""));
        assertTrue(html.contains("hand &lt;set&gt;"), "names are escaped");
        assertEquals(2, html.split("data:image/png;base64,", -1).length - 1);
        assertTrue(html.contains("data:image/jpeg;base64,"), "the gallery has crops");
        assertFalse(html.contains("<script"), "self-contained, no script");
        assertFalse(html.contains("src=\"http"), "nothing fetched from elsewhere");
    }
}
