package io.maskwatch.eval;

import io.maskwatch.detect.Box;
import io.maskwatch.pipeline.Label;
import java.util.Objects;

/**
 * One face the pipeline found: its box, the detector's score, P(masked) and the label it was given
 * (null when only P(masked) is known: then the label is P(masked) against the report's threshold).
 */
public record Prediction(Box box, double score, double maskProbability, Label label) {

    public Prediction {
        Objects.requireNonNull(box, "box");
    }

    public Prediction(Box box, double score, double maskProbability) {
        this(box, score, maskProbability, null);
    }

    /** The label, or the two-class decision at {@code threshold} when none was recorded. */
    public Label labelAt(double threshold) {
        return label != null ? label : Label.of(maskProbability, threshold);
    }

    /** Size in the sense of {@link io.maskwatch.dataset.GroundTruthFace#size()}: the shorter side. */
    public double size() {
        return box.size();
    }
}
