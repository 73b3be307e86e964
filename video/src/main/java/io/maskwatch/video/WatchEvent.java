package io.maskwatch.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskwatch.detect.Box;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of {@code maskwatch watch}, with exactly the keys of the event format (docs/watch.md):
 * type, source, track, time, frame, label, mask_probability, box, snapshot.
 */
public record WatchEvent(String type, String source, long track, double time, long frame, String label,
                         double maskProbability, Box box, String snapshot) {

    // plain decimals (0.0001, not 1.0E-4): easier on the eye and on naive parsers
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** One line of JSON (no newline); keys in the documented order, numbers rounded to what matters. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("source", source);
        m.put("track", track);
        m.put("time", round(time, 3));
        m.put("frame", frame);
        m.put("label", label);
        m.put("mask_probability", Double.isNaN(maskProbability) ? null : round(maskProbability, 4));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("x1", round(box.x1(), 1));
        b.put("y1", round(box.y1(), 1));
        b.put("x2", round(box.x2(), 1));
        b.put("y2", round(box.y2(), 1));
        m.put("box", b);
        m.put("snapshot", snapshot);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one line written by {@link #toJson}. */
    public static WatchEvent fromJson(String line) {
        try {
            var n = JSON.readTree(line);
            var b = n.get("box");
            var p = n.get("mask_probability");
            var snap = n.get("snapshot");
            return new WatchEvent(n.get("type").asText(), n.get("source").asText(), n.get("track").asLong(),
                    n.get("time").asDouble(), n.get("frame").asLong(), n.get("label").asText(),
                    p == null || p.isNull() ? Double.NaN : p.asDouble(),
                    new Box(b.get("x1").asDouble(), b.get("y1").asDouble(), b.get("x2").asDouble(), b.get("y2").asDouble()),
                    snap == null || snap.isNull() ? null : snap.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an event: " + e.getOriginalMessage());
        }
    }

    private static java.math.BigDecimal round(double v, int digits) {
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_UP);
        return d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
    }
}
