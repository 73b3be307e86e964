package io.maskwatch.eval;

import java.util.List;

/**
 * The classifier alone on the ground-truth boxes (cropped by the production crop rule): accuracy at
 * the threshold, TNR / FNR, ROC, incorrectly worn masks apart, and accuracy by face size.
 */
public record ClassifierMetrics(int faces, double accuracy, double tnr, double fnr, Roc roc, ClassCounts incorrect,
                                List<SizeBucket> bySize) {

    /** Accuracy and AUC of faces whose size is in [from, to). */
    public record SizeBucket(String name, double from, double to, int faces, double accuracy, double auc) {
    }

    public ClassifierMetrics {
        bySize = List.copyOf(bySize);
    }

    public double auc() {
        return roc.auc();
    }
}
