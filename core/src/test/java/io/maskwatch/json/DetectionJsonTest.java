package io.maskwatch.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Label;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionJsonTest {

    private static final List<Point> FIVE = List.of(new Point(10.123, 20.5), new Point(30, 20), new Point(20, 30),
            new Point(12, 40), new Point(28, 40.006));

    @Test
    void writesExactlyTheKeysOfTheFormatInOrder() throws Exception {
        Detection d = new Detection("photos/a b.jpg", 640, 480, List.of(
                new FaceResult(new Box(1.234, 2.5, 41.0, 52.999), 0.98765, 0.97123, Label.MASKED, FIVE),
                new FaceResult(new Box(100, 100, 120, 125), 0.6, 0.1, Label.UNMASKED, FIVE),
                new FaceResult(new Box(200, 100, 240, 150), 0.9, 0.2, Label.INCORRECT, FIVE, new MaskState(0.2f, 0.7f, 0.1f))), null);
        String json = DetectionJson.toJson(d);
        assertTrue(!json.contains("\n"));
        JsonNode n = new ObjectMapper().readTree(json);
        assertEquals(List.of("image", "width", "height", "faces", "error"), keys(n));
        assertEquals("photos/a b.jpg", n.get("image").asText());
        assertEquals(640, n.get("width").asInt());
        assertTrue(n.get("error").isNull());
        JsonNode f = n.get("faces").get(0);
        assertEquals(List.of("x1", "y1", "x2", "y2", "score", "mask_probability", "label", "mask_state", "landmarks"), keys(f));
        assertEquals(List.of("masked", "incorrect", "unmasked"), keys(f.get("mask_state")));
        assertEquals(1.23, f.get("x1").asDouble());
        assertEquals(53.0, f.get("y2").asDouble());
        assertEquals(0.9877, f.get("score").asDouble());
        assertEquals(0.9712, f.get("mask_probability").asDouble());
        assertEquals("masked", f.get("label").asText());
        assertEquals(5, f.get("landmarks").size());
        assertEquals(10.12, f.get("landmarks").get(0).get(0).asDouble());
        assertEquals(2, f.get("landmarks").get(0).size());
        assertEquals("unmasked", n.get("faces").get(1).get("label").asText());
        // a two-class result: P(incorrect) = 0, P(unmasked) = 1 - P(masked)
        assertEquals(0.9, n.get("faces").get(1).get("mask_state").get("unmasked").asDouble(), 1e-4);
        assertEquals(0.0, n.get("faces").get(1).get("mask_state").get("incorrect").asDouble());
        JsonNode inc = n.get("faces").get(2);
        assertEquals("incorrect", inc.get("label").asText());
        assertEquals(0.2, inc.get("mask_probability").asDouble(), 1e-6);
        assertEquals(0.7, inc.get("mask_state").get("incorrect").asDouble(), 1e-6);
        FaceResult back = DetectionJson.fromJson(json).faces().get(2);
        assertEquals(Label.INCORRECT, back.label());
        assertEquals(new MaskState(0.2f, 0.7f, 0.1f), back.state());
    }

    @Test
    void writesErrorsAndRoundTrips() throws Exception {
        Detection failed = Detection.failed("x/broken.jpg", "x/broken.jpg: truncated jpeg file (data ends after 10 bytes)");
        StringWriter out = new StringWriter();
        DetectionJson.writeLine(failed, out);
        DetectionJson.writeLine(new Detection("ok.png", 3, 2, List.of(), null), out);
        String[] lines = out.toString().split("\n", -1);
        assertEquals(3, lines.length);
        assertEquals("", lines[2]);
        assertEquals("{\"image\":\"x/broken.jpg\",\"width\":0,\"height\":0,\"faces\":[],"
                + "\"error\":\"x/broken.jpg: truncated jpeg file (data ends after 10 bytes)\"}", lines[0]);
        assertEquals(failed, DetectionJson.fromJson(lines[0]));
        Detection d = new Detection("a.jpg", 64, 48, List.of(
                new FaceResult(new Box(1.25, 2.5, 41, 53), 0.5, 0.25, Label.UNMASKED, List.of(new Point(1.5, 2)))), null);
        assertEquals(d, DetectionJson.fromJson(DetectionJson.toJson(d)));
        assertThrows(IllegalArgumentException.class, () -> DetectionJson.fromJson("{not json"));
    }

    @Test
    void nonFiniteNumbersBecomeNull() throws Exception {
        Detection d = new Detection("a.jpg", 10, 10, List.of(
                new FaceResult(new Box(0, 0, 5, 5), Double.NaN, Double.NaN, Label.UNMASKED, List.of())), null);
        JsonNode f = new ObjectMapper().readTree(DetectionJson.toJson(d)).get("faces").get(0);
        assertTrue(f.get("score").isNull());
        assertTrue(f.get("mask_probability").isNull());
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }
}
