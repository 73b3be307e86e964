package io.maskwatch.eval;

/**
 * All metrics for the ground-truth faces of at least {@code minFace} pixels (0: every face), with the
 * three-class confusion matrices: the classifier alone on the ground-truth boxes, and the pipeline
 * (label of the matched detection, or not found).
 */
public record SubsetMetrics(double minFace, DetectorMetrics detector, PipelineMetrics pipeline,
                            ClassifierMetrics classifier, ThresholdSweep sweep, ConfusionMatrix classifierConfusion,
                            ConfusionMatrix pipelineConfusion) {
}
