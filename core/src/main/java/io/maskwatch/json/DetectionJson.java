package io.maskwatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import io.maskwatch.pipeline.Detection;
import io.maskwatch.pipeline.FaceResult;
import io.maskwatch.pipeline.Label;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of one {@link Detection}, shared by {@code maskwatch detect --json} (one object per
 * line: JSON Lines) and the HTTP API. Keys, in this order:
 * {@code image, width, height, faces[{x1, y1, x2, y2, score, mask_probability, label,
 * mask_state{masked, incorrect, unmasked}, landmarks}], error} (and {@code annotated} in the command line's lines
 * when it writes annotated images). {@code label} is masked, incorrect or unmasked; {@code mask_probability} is
 * P(masked, worn correctly), the same as {@code mask_state.masked}.
 * Pixel coordinates are rounded to 0.01 px, scores and probabilities to 1e-4.
 */
public final class DetectionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MASK_STATE = "mask_state";
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private DetectionJson() {
    }

    /** One JSON object on one line, without the line break. */
    public static String toJson(Detection d) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(d, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes the object and a line break; the writer is not flushed or closed. */
    public static void writeLine(Detection d, Writer out) throws IOException {
        out.write(toJson(d));
        out.write('\n');
    }

    /**
     * One line of {@code maskwatch detect --json} with {@code --output}: the fields and then {@code annotated}, the
     * path of the annotated image written for this input (null when none was written), and a line break.
     */
    public static void writeLine(Detection d, String annotated, Writer out) throws IOException {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(line)) {
            g.writeStartObject();
            writeFields(d, g);
            if (annotated == null) {
                g.writeNullField("annotated");
            } else {
                g.writeStringField("annotated", annotated);
            }
            g.writeEndObject();
        }
        out.write(line.toString());
        out.write('\n');
    }

    /** Writes the fields of a detection into an object the caller has started (the server adds its own fields). */
    public static void writeFields(Detection d, JsonGenerator g) throws IOException {
        g.writeStringField("image", d.image());
        g.writeNumberField("width", d.width());
        g.writeNumberField("height", d.height());
        g.writeArrayFieldStart("faces");
        for (FaceResult f : d.faces()) {
            g.writeStartObject();
            number(g, "x1", f.box().x1(), 100);
            number(g, "y1", f.box().y1(), 100);
            number(g, "x2", f.box().x2(), 100);
            number(g, "y2", f.box().y2(), 100);
            number(g, "score", f.score(), 10_000);
            number(g, "mask_probability", f.maskProbability(), 10_000);
            g.writeStringField("label", f.label().json());
            g.writeObjectFieldStart(MASK_STATE);
            number(g, "masked", f.state().masked(), 10_000);
            number(g, "incorrect", f.state().incorrect(), 10_000);
            number(g, "unmasked", f.state().unmasked(), 10_000);
            g.writeEndObject();
            g.writeArrayFieldStart("landmarks");
            for (Point p : f.landmarks()) {
                g.writeStartArray();
                g.writeNumber(round(p.x(), 100));
                g.writeNumber(round(p.y(), 100));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        if (d.error() == null) {
            g.writeNullField("error");
        } else {
            g.writeStringField("error", d.error());
        }
    }

    /** Parses one line written by {@link #toJson}. */
    public static Detection fromJson(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<FaceResult> faces = new ArrayList<>();
            for (JsonNode f : n.path("faces")) {
                List<Point> landmarks = new ArrayList<>();
                for (JsonNode p : f.path("landmarks")) {
                    landmarks.add(new Point(p.get(0).asDouble(), p.get(1).asDouble()));
                }
                faces.add(new FaceResult(
                        new Box(f.get("x1").asDouble(), f.get("y1").asDouble(), f.get("x2").asDouble(), f.get("y2").asDouble()),
                        f.get("score").asDouble(), f.get("mask_probability").asDouble(),
                        Label.parse(f.get("label").asText()), landmarks, state(f)));
            }
            JsonNode err = n.get("error");
            return new Detection(n.get("image").asText(), n.get("width").asInt(), n.get("height").asInt(), faces,
                    err == null || err.isNull() ? null : err.asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a detection JSON object: " + e.getMessage(), e);
        }
    }

    /** The mask_state object; absent in lines of the two-class release, then derived from mask_probability. */
    private static MaskState state(JsonNode f) {
        JsonNode s = f.get(MASK_STATE);
        if (s == null || s.isNull()) {
            return null;
        }
        return new MaskState((float) s.get("masked").asDouble(), (float) s.get("incorrect").asDouble(),
                (float) s.get("unmasked").asDouble());
    }

    private static void write(Detection d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeFields(d, g);
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String key, double v, double scale) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(key, round(v, scale));
        } else {
            g.writeNullField(key);
        }
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
