package io.maskwatch.dataset;

import io.maskwatch.detect.Box;
import java.util.Objects;

/** One hand-annotated face: its box in original image pixels, the label as written, and its class. */
public record GroundTruthFace(Box box, String rawLabel, FaceClass cls) {

    public GroundTruthFace {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(rawLabel, "rawLabel");
        Objects.requireNonNull(cls, "cls");
    }

    /** The longer side of the box in pixels: the face size used for --min-face filters. */
    public double size() {
        return Math.max(box.width(), box.height());
    }
}
