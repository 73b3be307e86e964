package io.maskwatch.eval;

/**
 * Detector + classifier together, per class (masked / unmasked as the binary rule counts them, and
 * incorrectly worn masks apart). TNR = unmasked faces classified unmasked / all unmasked faces and
 * FNR = masked faces classified unmasked / all masked faces, missed faces in the denominators (as the
 * reference computed them); the {@code Detected} variants leave missed faces out. The ROC scores
 * every face by the P(masked) of its match, a missed face by 1 (it raises no alarm).
 */
public record PipelineMetrics(ClassCounts masked, ClassCounts unmasked, ClassCounts incorrect, double tnr, double fnr,
                              double tnrDetected, double fnrDetected, Roc roc) {

    public double auc() {
        return roc.auc();
    }
}
