package io.maskwatch.eval;

/** All metrics for the ground-truth faces of at least {@code minFace} pixels (0: every face). */
public record SubsetMetrics(double minFace, DetectorMetrics detector, PipelineMetrics pipeline,
                            ClassifierMetrics classifier, ThresholdSweep sweep) {
}
