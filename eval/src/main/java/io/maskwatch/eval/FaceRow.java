package io.maskwatch.eval;

import io.maskwatch.dataset.GroundTruthFace;
import io.maskwatch.pipeline.Label;

/**
 * One ground-truth face after matching: the detection that counts for it (null when missed), its
 * IoU, how many detections matched it, the classifier's P(masked) on the ground-truth box (NaN when
 * the photo failed), whether it counts as masked, the outcome at the report's threshold, and the
 * classifier's three-class label on the ground-truth box (null when the photo failed).
 */
public record FaceRow(String image, int index, GroundTruthFace face, boolean masked, Prediction detection, double iou,
                      int candidates, double classifierProbability, Outcome outcome, Label classifierLabel) {

    public FaceRow(String image, int index, GroundTruthFace face, boolean masked, Prediction detection, double iou,
                   int candidates, double classifierProbability, Outcome outcome) {
        this(image, index, face, masked, detection, iou, candidates, classifierProbability, outcome, null);
    }

    public boolean detected() {
        return detection != null;
    }

    /** The score the pipeline ROC uses: P(masked) of the match, 1 for a missed face. */
    public double pipelineScore() {
        return detection == null ? 1.0 : detection.maskProbability();
    }
}
