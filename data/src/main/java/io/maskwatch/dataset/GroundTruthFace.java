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

    /**
     * The face size used by minimum-size filters: the box's shorter side in pixels (a face "under
     * 20 px" is one whose width or height is under 20, as the shared sets' README counts them).
     */
    public double size() {
        return Math.min(box.width(), box.height());
    }
}
