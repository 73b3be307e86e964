package io.maskwatch.eval;

import java.util.List;

/**
 * TNR and FNR at thresholds 0, 0.01, ..., 1 (P(masked) ≥ threshold means masked), for the pipeline
 * (with and without missed faces) and the classifier alone, and the operating points that reach a
 * target: the lowest threshold with TNR ≥ 0.95 (TNR rises with the threshold, so this keeps FNR
 * lowest) and the highest with FNR ≤ 0.02 (keeps TNR highest). An operating point is null when no
 * threshold reaches it (e.g. TNR ≥ 0.95 when more than 5% of the unmasked faces are missed).
 */
public record ThresholdSweep(List<Point> points, Point tnrTarget, Point fnrTarget, Point tnrDetectedTarget,
                             Point fnrDetectedTarget) {

    public static final double TNR_TARGET = 0.95;
    public static final double FNR_TARGET = 0.02;

    public record Point(double threshold, double tnr, double fnr, double tnrDetected, double fnrDetected,
                        double classifierTnr, double classifierFnr) {
    }

    public ThresholdSweep {
        points = List.copyOf(points);
    }
}
