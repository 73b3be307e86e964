package io.maskwatch.eval;

/**
 * Detector counts under the reference's rule: {@code matched} faces have a detection with IoU > 0.5,
 * {@code missed} have none, {@code spurious} detections match no face. Recall = matched / faces;
 * precision = detections matching a face / all detections; average precision as {@link AveragePrecision}.
 */
public record DetectorMetrics(int faces, int detections, int matched, int missed, int spurious, double recall,
                              double precision, double averagePrecision) {
}
