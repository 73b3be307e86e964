package io.maskwatch.eval;

import io.maskwatch.dataset.GroundTruthFace;

/**
 * One ground-truth face after matching: the detection that counts for it (null when missed), its
 * IoU, how many detections matched it, the classifier's P(masked) on the ground-truth box (NaN when
 * the photo failed), whether it counts as masked, and the outcome at the report's threshold.
 */
public record FaceRow(String image, int index, GroundTruthFace face, boolean masked, Prediction detection, double iou,
                      int candidates, double classifierProbability, Outcome outcome) {

    public boolean detected() {
        return detection != null;
    }

    /** The score the pipeline ROC uses: P(masked) of the match, 1 for a missed face. */
    public double pipelineScore() {
        return detection == null ? 1.0 : detection.maskProbability();
    }
}
