package io.maskwatch.pipeline;

import io.maskwatch.detect.Box;
import io.maskwatch.detect.Point;
import java.util.List;

/** One face of a processed photo: where it is, how sure the detector is, and P(masked). */
public record FaceResult(Box box, double score, double maskProbability, Label label, List<Point> landmarks) {

    public FaceResult {
        landmarks = List.copyOf(landmarks);
    }
}
