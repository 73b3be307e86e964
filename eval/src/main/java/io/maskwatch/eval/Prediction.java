package io.maskwatch.eval;

import io.maskwatch.detect.Box;
import java.util.Objects;

/** One face the pipeline found: its box, the detector's score and P(masked). */
public record Prediction(Box box, double score, double maskProbability) {

    public Prediction {
        Objects.requireNonNull(box, "box");
    }

    /** Size in the sense of {@link io.maskwatch.dataset.GroundTruthFace#size()}: the shorter side. */
    public double size() {
        return box.size();
    }
}
