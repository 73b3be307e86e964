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

    /** The face size used by minimum-size filters: {@link io.maskwatch.detect.Box#size()}, the shorter side. */
    public double size() {
        return box.size();
    }
}
