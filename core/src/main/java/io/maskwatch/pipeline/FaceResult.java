package io.maskwatch.pipeline;

import io.maskwatch.classify.MaskState;
import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import java.util.List;

/**
 * One face of a processed photo: where it is, how sure the detector is, the classifier's three
 * probabilities ({@code state}; {@code maskProbability} = P(masked, worn correctly)) and the label.
 */
public record FaceResult(Box box, double score, double maskProbability, Label label, List<Point> landmarks,
                         MaskState state) {

    public FaceResult {
        landmarks = List.copyOf(landmarks);
        if (state == null) {
            state = MaskState.ofMasked((float) maskProbability);
        }
    }

    /** A face of a two-class result (no incorrect probability). */
    public FaceResult(Box box, double score, double maskProbability, Label label, List<Point> landmarks) {
        this(box, score, maskProbability, label, landmarks, null);
    }

    /** The probability of the label shown: P(masked), P(incorrect) or P(unmasked). */
    public double confidence() {
        return switch (label) {
            case MASKED -> state.masked();
            case INCORRECT -> state.incorrect();
            case UNMASKED -> state.unmasked();
        };
    }
}
